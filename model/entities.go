package model

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is a user's role. Admins may do everything; designers ingest, tag and
// build insights; leads read all, move phases and set indicators; analysts
// read and export.
type Role string

const (
	RoleAdmin    Role = "admin"
	RoleDesigner Role = "designer"
	RoleLead     Role = "lead"
	RoleAnalyst  Role = "analyst"
)

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	return oneOf("role", s, []Role{RoleAdmin, RoleDesigner, RoleLead, RoleAnalyst}, "unknown role %q (use admin, designer, lead or analyst)")
}

// Permission is something a role may do in a project.
type Permission int

const (
	PermRead Permission = iota
	PermWrite
	PermMovePhase
	PermIndicators
	PermExport
	PermManage
)

// Can reports whether a role has a permission.
func (r Role) Can(p Permission) bool {
	switch r {
	case RoleAdmin:
		return true
	case RoleDesigner:
		return p == PermRead || p == PermWrite || p == PermMovePhase || p == PermExport
	case RoleLead:
		return p == PermRead || p == PermMovePhase || p == PermIndicators || p == PermExport || p == PermWrite
	case RoleAnalyst:
		return p == PermRead || p == PermExport
	}
	return false
}

// CanCreateProjects reports whether a user with this role may create projects.
func (r Role) CanCreateProjects() bool { return r != RoleAnalyst && r != "" }

// User is a person who signs in.
type User struct {
	ID        int64     `db:"id" json:"id,string"`
	Email     string    `db:"email" json:"email"`
	Name      string    `db:"name" json:"name"`
	Role      Role      `db:"role" json:"role"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Validate checks a new user.
func (u User) Validate() error {
	if _, err := mail.ParseAddress(u.Email); err != nil || strings.ContainsAny(u.Email, "<> ") {
		return Invalid("email", RuleFormat, "email %q is not a valid address", u.Email)
	}
	if err := textField("name", u.Name, 1, 200); err != nil {
		return err
	}
	_, err := ParseRole(string(u.Role))
	return err
}

// Project is a body of design work with its own notes, members and purpose.
type Project struct {
	ID            int64     `db:"id" json:"id,string"`
	Slug          string    `db:"slug" json:"slug"`
	Name          string    `db:"name" json:"name"`
	Purpose       string    `db:"purpose" json:"purpose"`
	RetentionDays int       `db:"retention_days" json:"retention_days"`
	CreatedAt     time.Time `db:"created_at" json:"created_at"`
}

var slugRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

// MaxSlugLen bounds slugs, which appear in URLs.
const MaxSlugLen = 64

// Validate checks a project.
func (p Project) Validate() error {
	if len(p.Slug) > MaxSlugLen {
		return &FieldError{Field: "slug", Rule: RuleTooLong, Limit: MaxSlugLen, Msg: fmt.Sprintf("slug longer than %d characters", MaxSlugLen)}
	}
	if !slugRE.MatchString(p.Slug) {
		return Invalid("slug", RuleFormat, "slug %q must be lowercase letters a-z, digits and hyphens", p.Slug)
	}
	if err := textField("name", p.Name, 1, 200); err != nil {
		return err
	}
	if err := textField("purpose", p.Purpose, 0, 4000); err != nil {
		return err
	}
	if p.RetentionDays < 0 || p.RetentionDays > 36500 {
		return &FieldError{Field: "retention_days", Rule: RuleRange, Limit: 36500, Msg: "retention_days must be between 0 and 36500"}
	}
	return nil
}

// Member is a user's membership in a project.
type Member struct {
	ProjectID int64  `db:"project_id" json:"-"`
	UserID    int64  `db:"user_id" json:"user_id,string"`
	Email     string `db:"email" json:"email"`
	Name      string `db:"name" json:"name"`
	Role      Role   `db:"role" json:"role"`
	Owner     bool   `db:"owner" json:"owner"`
}

// CleanText refuses text that is not valid UTF-8 or holds a NUL byte
// (PostgreSQL cannot store one in text; no person types one).
func CleanText(name, v string) error {
	if !utf8.ValidString(v) {
		return Invalid(name, RuleUTF8, "%s is not valid UTF-8", name)
	}
	if strings.IndexByte(v, 0) >= 0 {
		return Invalid(name, RuleUTF8, "%s contains a NUL byte", name)
	}
	return nil
}

// textField checks a free-text field's length in characters and that it is valid UTF-8.
func textField(name, v string, min, max int) error {
	if err := CleanText(name, v); err != nil {
		return err
	}
	n := utf8.RuneCountInString(strings.TrimSpace(v))
	if n < min {
		return Invalid(name, RuleRequired, "%s is required", name)
	}
	if n > max {
		return &FieldError{Field: name, Rule: RuleTooLong, Limit: max, Msg: fmt.Sprintf("%s longer than %d characters", name, max)}
	}
	return nil
}

// Access is what a user may do in one project: their role there, and
// whether they own it (owners manage members whatever their role).
type Access struct {
	Role  Role `db:"role"`
	Owner bool `db:"owner"`
}

// Can reports whether the access grants a permission.
func (a Access) Can(p Permission) bool {
	return a.Role.Can(p) || (a.Owner && p == PermManage)
}
