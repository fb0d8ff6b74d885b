package app

import (
	"context"

	"indsigt/model"
	"indsigt/store"
)

// MaxHighlightList bounds one listing of highlights.
const MaxHighlightList = 2000

// NewHighlight is a span of a note to code: character offsets into the
// note's stored text (End exclusive) and the tags to put on it.
type NewHighlight struct {
	NoteID int64
	Start  int
	End    int
	Tags   []string
}

// CreateHighlight marks a span of a note and tags it, in one transaction;
// tag names pass the door for typed text. Audited as highlight.create on
// highlight:<id>, the note in the detail.
func (a *App) CreateHighlight(ctx context.Context, s Scope, in NewHighlight) (model.Highlight, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Highlight{}, err
	}
	names, err := tagNames("tags", in.Tags)
	if err != nil && len(in.Tags) > 0 {
		return model.Highlight{}, err
	}
	var h model.Highlight
	err = a.write(ctx, func(tx *store.Tx) error {
		var err error
		if h, err = tx.CreateHighlight(ctx, s.Project.ID, in.NoteID, in.Start, in.End, s.userID()); err != nil {
			return err
		}
		if err := a.tagHighlight(ctx, tx, s, h.ID, names); err != nil {
			return err
		}
		if h, err = tx.Highlight(ctx, s.Project.ID, h.ID); err != nil {
			return err
		}
		return audit(ctx, tx, s, "highlight.create", target("highlight", h.ID), target("note", h.NoteID))
	})
	return h, err
}

func (a *App) tagHighlight(ctx context.Context, tx *store.Tx, s Scope, id int64, names []string) error {
	if len(names) == 0 {
		return nil
	}
	typed := make([]string, len(names))
	for i, n := range names {
		var err error
		if typed[i], err = a.typed(ctx, tx, s, n); err != nil {
			return err
		}
	}
	return tx.TagHighlight(ctx, s.Project.ID, id, typed, s.userID())
}

// TagHighlight puts more tags on a highlight and answers it.
func (a *App) TagHighlight(ctx context.Context, s Scope, id int64, tags []string) (model.Highlight, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Highlight{}, err
	}
	names, err := tagNames("tags", tags)
	if err != nil {
		return model.Highlight{}, err
	}
	var h model.Highlight
	err = a.write(ctx, func(tx *store.Tx) error {
		if err := a.tagHighlight(ctx, tx, s, id, names); err != nil {
			return err
		}
		var err error
		if h, err = tx.Highlight(ctx, s.Project.ID, id); err != nil {
			return err
		}
		return audit(ctx, tx, s, "highlight.tag", target("highlight", id), "")
	})
	return h, err
}

// UntagHighlight removes a tag from a highlight and answers it.
func (a *App) UntagHighlight(ctx context.Context, s Scope, id int64, tag string) (model.Highlight, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Highlight{}, err
	}
	if err := model.TagName(tag); err != nil {
		return model.Highlight{}, fieldAs("tag", err)
	}
	var h model.Highlight
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.UntagHighlight(ctx, s.Project.ID, id, tag); err != nil {
			return err
		}
		var err error
		if h, err = tx.Highlight(ctx, s.Project.ID, id); err != nil {
			return err
		}
		return audit(ctx, tx, s, "highlight.untag", target("highlight", id), "")
	})
	return h, err
}

// DeleteHighlight removes a highlight; evidence citing it keeps its note.
func (a *App) DeleteHighlight(ctx context.Context, s Scope, id int64) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteHighlight(ctx, s.Project.ID, id); err != nil {
			return err
		}
		return audit(ctx, tx, s, "highlight.delete", target("highlight", id), "")
	})
}

// HighlightQuery narrows a listing of highlights.
type HighlightQuery struct {
	NoteIDs  []int64
	SourceID int64
	Tag      string
	AfterID  int64
}

// Highlights lists the project's highlights, for anyone in the project.
// Their quotes are note text, so the read is audited as highlights.read on
// the note or source asked for (which the subject access report shows),
// else on "highlights".
func (a *App) Highlights(ctx context.Context, s Scope, q HighlightQuery) ([]model.Highlight, error) {
	hs, err := a.Store.Highlights(ctx, s.Project.ID, store.HighlightFilter{
		NoteIDs: q.NoteIDs, SourceID: q.SourceID, Tag: q.Tag, AfterID: q.AfterID, Limit: MaxHighlightList,
	})
	if err != nil {
		return nil, err
	}
	if hs == nil {
		hs = []model.Highlight{}
	}
	object := "highlights"
	switch {
	case len(q.NoteIDs) == 1:
		object = target("note", q.NoteIDs[0])
	case q.SourceID > 0:
		object = target("source", q.SourceID)
	}
	return hs, a.auditRead(ctx, s, "highlights.read", object, "")
}
