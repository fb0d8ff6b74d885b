package app

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// Bounds of one tagging.
const (
	MaxTagsAtOnce = 50
	MaxTagNotes   = 5000
)

// Rule and TagCount are the store's rows, named here so that the adapters
// reach them through the use case, not the store.
type (
	Rule     = store.Rule
	TagCount = store.TagCount
)

// Codebook is the project's tags with their note counts and its rules.
type Codebook struct {
	Tags  []model.Tag `json:"items"`
	Rules []Rule      `json:"rules"`
}

// Codebook reads the project's codebook.
func (a *App) Codebook(ctx context.Context, s Scope) (Codebook, error) {
	tags, err := a.Tags(ctx, s)
	if err != nil {
		return Codebook{}, err
	}
	rules, err := a.Store.Rules(ctx, s.Project.ID)
	if err != nil {
		return Codebook{}, err
	}
	if rules == nil {
		rules = []Rule{}
	}
	return Codebook{Tags: tags, Rules: rules}, nil
}

// Tags lists the project's tags with note counts, ordered by name.
func (a *App) Tags(ctx context.Context, s Scope) ([]model.Tag, error) {
	return orEmpty(a.Store.Tags(ctx, s.Project.ID))
}

// TagCounts counts tagged notes per tag and source ("source", the
// default) or per tag and participant ("participant").
func (a *App) TagCounts(ctx context.Context, s Scope, by string) ([]TagCount, error) {
	if by == "" {
		by = "source"
	}
	if by != "source" && by != "participant" {
		return nil, model.Invalid("by", model.RuleOneOf, "count by source or participant, not %q", by)
	}
	return orEmpty(a.Store.TagCounts(ctx, s.Project.ID, by))
}

// tagNames checks the names of a tagging; field names the input.
func tagNames(field string, tags []string) ([]string, error) {
	if len(tags) == 0 || len(tags) > MaxTagsAtOnce {
		return nil, &model.FieldError{Field: field, Rule: model.RuleRange, Limit: MaxTagsAtOnce, Msg: fmt.Sprintf("give between 1 and %d tags", MaxTagsAtOnce)}
	}
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = strings.TrimSpace(t)
		if err := model.TagName(out[i]); err != nil {
			return nil, fieldAs(field, err)
		}
	}
	return out, nil
}

// fieldAs names a tag name's field error after the input it came from
// (model calls it "tag name"); other errors pass unchanged.
func fieldAs(field string, err error) error {
	if fe, ok := model.AsFieldError(err); ok && fe.Field == "tag name" {
		c := *fe
		c.Field = field
		return &c
	}
	return err
}

// tag puts tags on notes in one transaction, each name through the door
// for typed text, and audits it.
func (a *App) tag(ctx context.Context, s Scope, ids []int64, tags []string, object, detail string) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	names, err := tagNames("tags", tags)
	if err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		for i := range names {
			if names[i], err = a.typed(ctx, tx, s, names[i]); err != nil {
				return err
			}
		}
		if err := tx.TagNotes(ctx, s.Project.ID, ids, names, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "note.tag", object, detail)
	})
}

// TagNote puts tags on one note and answers the note with its tags.
func (a *App) TagNote(ctx context.Context, s Scope, noteID int64, tags []string) (model.Note, error) {
	if err := a.tag(ctx, s, []int64{noteID}, tags, target("note", noteID), ""); err != nil {
		return model.Note{}, err
	}
	return a.Store.Note(ctx, s.Project.ID, noteID)
}

// TagNotes puts tags on many notes at once (a search result, the checked
// notes of a transcript) and answers how many notes it tagged.
func (a *App) TagNotes(ctx context.Context, s Scope, noteIDs []int64, tags []string) (int, error) {
	if len(noteIDs) == 0 || len(noteIDs) > MaxTagNotes {
		return 0, &model.FieldError{Field: "note_ids", Rule: model.RuleRange, Limit: MaxTagNotes, Msg: fmt.Sprintf("give between 1 and %d note_ids", MaxTagNotes)}
	}
	if err := a.tag(ctx, s, noteIDs, tags, "notes", fmt.Sprintf("%d notes", len(noteIDs))); err != nil {
		return 0, err
	}
	return len(noteIDs), nil
}

// UntagNote removes a tag from a note and answers the note.
func (a *App) UntagNote(ctx context.Context, s Scope, noteID int64, tag string) (model.Note, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Note{}, err
	}
	tag = strings.TrimSpace(tag)
	if err := model.TagName(tag); err != nil {
		return model.Note{}, fieldAs("tag", err)
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.UntagNote(ctx, s.Project.ID, noteID, tag); err != nil {
			return err
		}
		return audit(ctx, tx, s, "note.untag", target("note", noteID), "")
	})
	if err != nil {
		return model.Note{}, err
	}
	return a.Store.Note(ctx, s.Project.ID, noteID)
}

// NewTag is a code added to the codebook.
type NewTag struct {
	Name        string
	Description string
	Color       string
	ParentID    *int64
}

// CreateTag adds a tag to the codebook.
func (a *App) CreateTag(ctx context.Context, s Scope, in NewTag) (model.Tag, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Tag{}, err
	}
	t := model.Tag{ProjectID: s.Project.ID, Color: strings.TrimSpace(in.Color), ParentID: in.ParentID}
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if t.Name, err = a.typed(ctx, tx, s, in.Name); err != nil {
			return err
		}
		if t.Description, err = a.typed(ctx, tx, s, in.Description); err != nil {
			return err
		}
		if t, err = tx.CreateTag(ctx, t, s.userID()); err != nil {
			return fieldAs("name", err)
		}
		return audit(ctx, tx, s, "tag.create", target("tag", t.ID), "")
	})
	if err != nil {
		return model.Tag{}, err
	}
	return t, nil
}

// TagPatch changes a tag: a nil field is kept. Parent set to 0 removes the
// parent. MergeInto merges the tag into another instead (and nothing else
// may be set with it).
type TagPatch struct {
	Name        *string
	Description *string
	Color       *string
	Parent      *int64
	MergeInto   *int64
}

// UpdateTag renames, describes, recolours or moves a tag, or merges it
// into another; fields left out of the patch keep their values.
func (a *App) UpdateTag(ctx context.Context, s Scope, id int64, in TagPatch) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	if in.MergeInto != nil {
		if in.Name != nil || in.Description != nil || in.Color != nil || in.Parent != nil {
			return model.Invalid("merge_into", model.RuleOneOf, "merge_into cannot be combined with other changes")
		}
		return a.write(ctx, func(tx *store.Tx) error {
			if err := tx.MergeTags(ctx, s.Project.ID, id, *in.MergeInto, s.userID()); err != nil {
				return err
			}
			return audit(ctx, tx, s, "tag.merge", target("tag", id), target("tag", *in.MergeInto))
		})
	}
	return a.write(ctx, func(tx *store.Tx) error {
		t, err := tx.Tag(ctx, s.Project.ID, id)
		if err != nil {
			return err
		}
		old := t.Name
		if in.Name != nil {
			if t.Name, err = a.typed(ctx, tx, s, *in.Name); err != nil {
				return err
			}
		}
		if in.Description != nil {
			if t.Description, err = a.typed(ctx, tx, s, *in.Description); err != nil {
				return err
			}
		}
		if in.Color != nil {
			t.Color = strings.TrimSpace(*in.Color)
		}
		if in.Parent != nil {
			if *in.Parent == 0 {
				t.ParentID = nil
			} else {
				p := *in.Parent
				t.ParentID = &p
			}
		}
		if err := tx.UpdateTag(ctx, t, s.userID()); err != nil {
			return fieldAs("name", err)
		}
		detail := ""
		if t.Name != old {
			detail = "rename"
		}
		return audit(ctx, tx, s, "tag.update", target("tag", id), detail)
	})
}
