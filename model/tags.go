package model

import (
	"regexp"
	"time"
)

// Tag is a code in the project's hierarchical codebook.
type Tag struct {
	ID          int64     `db:"id" json:"id,string"`
	ProjectID   int64     `db:"project_id" json:"-"`
	ParentID    *int64    `db:"parent_id" json:"parent_id,omitempty,string"`
	Name        string    `db:"name" json:"name"`
	Description string    `db:"description" json:"description"`
	Color       string    `db:"color" json:"color"`
	NoteCount   int       `db:"note_count" json:"note_count"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate checks a tag.
func (t Tag) Validate() error {
	if err := TagName(t.Name); err != nil {
		return err
	}
	if t.Color != "" && !colorRE.MatchString(t.Color) {
		return Invalid("color", RuleFormat, "colour %q must look like #1a2b3c", t.Color)
	}
	return textField("description", t.Description, 0, 1000)
}

// TagName checks a tag name on its own (used when tagging notes by name).
func TagName(name string) error { return textField("tag name", name, 1, 100) }
