package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// Paging bounds of the lists that adapters page through.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// NewProject is what a project is created from.
type NewProject struct {
	Slug          string
	Name          string
	Purpose       string
	RetentionDays int
	// Owner is the e-mail of the user who owns the project. Only the
	// operator may name one; a user always owns what they create, and the
	// operator's project without an owner has no members yet.
	Owner string
	// Starter fills the new project's codebook with the starter codebook
	// from the seeds (tags and auto-tagging rules); otherwise it is empty.
	Starter bool
}

// CreateProject creates a project; the creator (or the named owner)
// becomes its owner. Admins, designers and leads may; analysts may not.
func (a *App) CreateProject(ctx context.Context, act Actor, in NewProject) (model.Project, error) {
	creator := act.User
	if act.Operator {
		creator = model.User{Role: model.RoleAdmin}
		if in.Owner != "" {
			u, _, err := a.Store.UserByEmail(ctx, strings.TrimSpace(in.Owner))
			if errors.Is(err, model.ErrNotFound) {
				return model.Project{}, model.Invalid("owner", model.RuleUnknown, "no user with e-mail %s", in.Owner)
			}
			if err != nil {
				return model.Project{}, err
			}
			creator = u
		}
	} else if in.Owner != "" && !strings.EqualFold(strings.TrimSpace(in.Owner), act.User.Email) {
		return model.Project{}, fmt.Errorf("%w: only the operator may create a project for someone else", model.ErrForbidden)
	}
	if !creator.Role.CanCreateProjects() {
		return model.Project{}, fmt.Errorf("%w: role %s cannot create projects", model.ErrForbidden, creator.Role)
	}
	p := model.Project{Slug: strings.TrimSpace(in.Slug), RetentionDays: in.RetentionDays}
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		s := Scope{Actor: act, Project: p}
		if p.Name, err = a.typed(ctx, tx, s, in.Name); err != nil {
			return err
		}
		if p.Slug == "" { // derived from the name as stored
			p.Slug = model.SlugFrom(p.Name)
		}
		if p.Purpose, err = a.typed(ctx, tx, s, in.Purpose); err != nil {
			return err
		}
		if p, err = tx.CreateProject(ctx, p, creator); err != nil {
			return err
		}
		s.Project = p
		return audit(ctx, tx, s, "project.create", target("project", p.ID), "")
	})
	if err != nil {
		return model.Project{}, err
	}
	if in.Starter && a.Ingest != nil {
		if err := a.Ingest.LoadStarterCodebook(ctx, p.ID, creator.ID); err != nil {
			return p, fmt.Errorf("app: starter codebook: %w", err)
		}
	}
	return p, nil
}

// Projects lists the projects the actor may see, by id after afterID.
func (a *App) Projects(ctx context.Context, act Actor, afterID int64, limit int) ([]model.Project, error) {
	limit = pageSize(limit)
	u := act.User
	if act.Operator {
		u = model.User{Role: model.RoleAdmin}
	}
	return orEmpty(a.Store.ProjectsFor(ctx, u, afterID, limit))
}

// CanCreateProjects reports whether the actor may create projects, for
// adapters that show or hide the form.
func (act Actor) CanCreateProjects() bool {
	return act.Operator || act.User.Role.CanCreateProjects()
}

// NewMember is a user given a role in a project, by e-mail.
type NewMember struct {
	Email string
	// Role in the project; empty means the user's own role.
	Role string
}

// AddMember gives a user a role in the project (or changes it); owners
// and admins may. An owner grants at most his own role; no role given
// means the user's own role, capped at the owner's.
func (a *App) AddMember(ctx context.Context, s Scope, in NewMember) (model.Member, error) {
	if err := s.require(model.PermManage); err != nil {
		return model.Member{}, err
	}
	email := strings.TrimSpace(in.Email)
	if email == "" {
		return model.Member{}, model.Invalid("email", model.RuleRequired, "email is required")
	}
	if err := model.CleanText("email", email); err != nil {
		return model.Member{}, err
	}
	var role model.Role
	if strings.TrimSpace(in.Role) != "" {
		r, err := model.ParseRole(strings.TrimSpace(in.Role))
		if err != nil {
			return model.Member{}, err
		}
		role = r
	}
	u, _, err := a.Store.UserByEmail(ctx, email)
	if errors.Is(err, model.ErrNotFound) {
		return model.Member{}, model.Invalid("email", model.RuleUnknown, "no user with e-mail %s", email)
	}
	if err != nil {
		return model.Member{}, err
	}
	if role == "" {
		// The user's own role, capped at what the actor may grant: a
		// designer owner adding an admin makes them designer.
		role = u.Role
		if grantable(s, role) != nil && grantable(s, s.User.Role) == nil && within(s.User.Role, u.Role) {
			role = s.User.Role
		}
	}
	if err := grantable(s, role); err != nil {
		return model.Member{}, err
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		if err := tx.AddMember(ctx, s.Project.ID, u.ID, role); err != nil {
			return err
		}
		return audit(ctx, tx, s, "member.add", target("user", u.ID), string(role))
	})
	if err != nil {
		return model.Member{}, err
	}
	return model.Member{ProjectID: s.Project.ID, UserID: u.ID, Email: u.Email, Name: u.Name, Role: role}, nil
}

// grantable checks that the actor may give role: an owner grants at most
// his own role (in the project and globally), so owning a project is no
// way up to admin.
func grantable(s Scope, role model.Role) error {
	if s.Operator || s.User.Role == model.RoleAdmin {
		return nil
	}
	if !within(role, s.User.Role) || !within(role, s.Access.Role) {
		return &model.FieldError{Field: "role", Rule: model.RuleRange,
			Msg: fmt.Sprintf("you may grant at most your own role (%s), not %s", s.User.Role, role)}
	}
	return nil
}

// within reports whether role a ranks no higher than role b: admin above
// designer and lead (peers: a designer's project needs its lead, and a lead
// may bring in a designer), these above analyst.
func within(a, b model.Role) bool { return rank(a) <= rank(b) }

func rank(r model.Role) int {
	switch r {
	case model.RoleAdmin:
		return 3
	case model.RoleDesigner, model.RoleLead:
		return 2
	case model.RoleAnalyst:
		return 1
	}
	return 0
}

// Members lists the project's members.
func (a *App) Members(ctx context.Context, s Scope) ([]model.Member, error) {
	return orEmpty(a.Store.Members(ctx, s.Project.ID))
}

// DeleteProject erases a project and everything in it; owners and admins
// may. The audit row is written outside the project (whose rows go with
// it), naming it by id.
func (a *App) DeleteProject(ctx context.Context, s Scope) error {
	if err := s.require(model.PermManage); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteProject(ctx, s.Project.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.userID(), 0, "project.delete", target("project", s.Project.ID), "")
	})
}

// pageSize bounds a list's page size.
func pageSize(limit int) int {
	if limit <= 0 {
		return DefaultPageSize
	}
	return min(limit, MaxPageSize)
}
