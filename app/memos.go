package app

import (
	"context"
	"fmt"

	"indsigt/model"
	"indsigt/store"
)

// MaxMemoList bounds one listing of memos.
const MaxMemoList = 500

// NewMemo is a memo to write on an object of the project.
type NewMemo struct {
	Target string // "insight:12", "note:3", "source:1", "tag:7", "highlight:4"
	Body   string
}

// CreateMemo writes a memo on a source, a note, a tag, an insight or a
// highlight. The
// text passes the door for typed text like every other. Audited as
// memo.create on memo:<id>, the target in the detail.
func (a *App) CreateMemo(ctx context.Context, s Scope, in NewMemo) (model.Memo, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Memo{}, err
	}
	on, err := model.ParseMemoTarget("target", in.Target)
	if err != nil {
		return model.Memo{}, err
	}
	if err := model.ValidateMemo(in.Body); err != nil {
		return model.Memo{}, err
	}
	var m model.Memo
	err = a.write(ctx, func(tx *store.Tx) error {
		body, err := a.typed(ctx, tx, s, in.Body)
		if err != nil {
			return err
		}
		if err := model.ValidateMemo(body); err != nil {
			return err
		}
		if m, err = tx.CreateMemo(ctx, s.Project.ID, on, body, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "memo.create", target("memo", m.ID), on.String())
	})
	return m, err
}

// MemoQuery narrows a listing of memos: on one object (Target, "kind:id"),
// on one kind of object, or containing words.
type MemoQuery struct {
	Target string
	Kind   string
	Text   string
}

// Memos lists the project's memos, newest first, for anyone in the project.
func (a *App) Memos(ctx context.Context, s Scope, q MemoQuery) ([]model.Memo, error) {
	f := store.MemoFilter{Text: q.Text, Limit: MaxMemoList}
	if q.Target != "" {
		on, err := model.ParseMemoTarget("target", q.Target)
		if err != nil {
			return nil, err
		}
		f.Target = &on
	}
	if q.Kind != "" {
		on, err := model.ParseMemoTarget("kind", q.Kind+":1")
		if err != nil {
			return nil, model.Invalid("kind", model.RuleOneOf, "kind must be source, note, tag, insight or highlight")
		}
		f.Kind = on.Kind
	}
	return orEmpty(a.Store.Memos(ctx, s.Project.ID, f))
}

// DeleteMemo removes a memo: its author may, and so may whoever manages
// the project. Audited as memo.delete.
func (a *App) DeleteMemo(ctx context.Context, s Scope, id int64) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		m, err := tx.Memo(ctx, s.Project.ID, id)
		if err != nil {
			return err
		}
		own := m.AuthorID != nil && *m.AuthorID == s.userID()
		if !own && !s.Operator && !s.Can(model.PermManage) {
			return fmt.Errorf("%w: only the memo's author or the project's owner may delete it", model.ErrForbidden)
		}
		if err := tx.DeleteMemo(ctx, s.Project.ID, id); err != nil {
			return err
		}
		return audit(ctx, tx, s, "memo.delete", target("memo", id), m.Target)
	})
}
