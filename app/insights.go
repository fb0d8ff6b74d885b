package app

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// MaxEvidenceNotes bounds the notes an insight is created with in one call.
const MaxEvidenceNotes = 1000

// NewInsight is an insight to create in phase opdag, backed by notes and
// highlights of the project (supporting it) and optionally tagged. A
// highlight's note backs the insight once: the highlight is what it cites.
type NewInsight struct {
	Title        string
	Statement    string
	NoteIDs      []int64
	HighlightIDs []int64
	Tags         []string
}

// CreateInsight creates an insight with its evidence and the first entry of
// its phase history. Audited as insight.create on insight:<id>.
func (a *App) CreateInsight(ctx context.Context, s Scope, in NewInsight) (model.Insight, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Insight{}, err
	}
	for _, f := range []struct {
		name string
		ids  []int64
	}{{"note_ids", in.NoteIDs}, {"highlight_ids", in.HighlightIDs}} {
		if len(f.ids) > MaxEvidenceNotes {
			return model.Insight{}, &model.FieldError{Field: f.name, Rule: model.RuleTooLong, Limit: MaxEvidenceNotes,
				Msg: fmt.Sprintf("at most %d %s", MaxEvidenceNotes, f.name)}
		}
	}
	ids := uniqueIDs(in.NoteIDs)
	var created model.Insight
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		ins := model.Insight{ProjectID: s.Project.ID}
		if ins.Title, err = a.typed(ctx, tx, s, in.Title); err != nil {
			return err
		}
		if ins.Statement, err = a.typed(ctx, tx, s, in.Statement); err != nil {
			return err
		}
		if err := ins.Validate(); err != nil {
			return err
		}
		if created, err = tx.CreateInsight(ctx, ins, ids, s.userID()); err != nil {
			return err
		}
		if len(in.HighlightIDs) > 0 {
			if created, err = a.citeHighlights(ctx, tx, s, created.ID, uniqueIDs(in.HighlightIDs)); err != nil {
				return err
			}
		}
		for _, t := range in.Tags {
			if err := tx.TagInsight(ctx, s.Project.ID, created.ID, strings.TrimSpace(t), s.userID()); err != nil {
				return err
			}
		}
		return audit(ctx, tx, s, "insight.create", target("insight", created.ID), "")
	})
	return created, err
}

func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// InsightPatch changes an insight's text; a nil field is kept.
type InsightPatch struct {
	Title     *string
	Statement *string
}

// UpdateInsight applies a patch to an insight. Audited as insight.update.
func (a *App) UpdateInsight(ctx context.Context, s Scope, id int64, p InsightPatch) (model.Insight, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Insight{}, err
	}
	var in model.Insight
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if in, err = tx.Insight(ctx, s.Project.ID, id); err != nil {
			return err
		}
		if p.Title != nil {
			if in.Title, err = a.typed(ctx, tx, s, *p.Title); err != nil {
				return err
			}
		}
		if p.Statement != nil {
			if in.Statement, err = a.typed(ctx, tx, s, *p.Statement); err != nil {
				return err
			}
		}
		if err := tx.UpdateInsight(ctx, in); err != nil {
			return err
		}
		return audit(ctx, tx, s, "insight.update", target("insight", id), "")
	})
	return in, err
}

// AddEvidence links a note of the project to an insight, or changes its
// stance. Audited as insight.evidence on insight:<id>, the note in the detail.
func (a *App) AddEvidence(ctx context.Context, s Scope, insightID, noteID int64, stance model.Stance) error {
	_, err := a.AddEvidenceItem(ctx, s, insightID, NewEvidence{NoteID: noteID, Stance: stance})
	return err
}

// RemoveEvidence unlinks a note from an insight. Audited as
// insight.evidence.remove on insight:<id>.
func (a *App) RemoveEvidence(ctx context.Context, s Scope, insightID, noteID int64) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.RemoveEvidence(ctx, s.Project.ID, insightID, noteID); err != nil {
			return err
		}
		return audit(ctx, tx, s, "insight.evidence.remove", target("insight", insightID), target("note", noteID))
	})
}

// Insights lists the project's insights, in one phase when phase is set.
func (a *App) Insights(ctx context.Context, s Scope, phase string) ([]model.Insight, error) {
	if phase != "" {
		if _, err := model.ParsePhase(phase); err != nil {
			return nil, err
		}
	}
	ins, err := a.Store.Insights(ctx, s.Project.ID, phase)
	if ins == nil {
		ins = []model.Insight{}
	}
	return ins, err
}

// Insight is an insight with everything that backs it (the insight page
// and GET …/insights/{id}). Audited as insight.read: the evidence holds
// note text.
func (a *App) Insight(ctx context.Context, s Scope, id int64) (model.InsightDetail, error) {
	in, err := a.Store.Insight(ctx, s.Project.ID, id)
	if err != nil {
		return model.InsightDetail{}, err
	}
	d, err := a.insightDetail(ctx, s, in)
	if err != nil {
		return d, err
	}
	return d, a.auditRead(ctx, s, "insight.read", target("insight", id), "")
}

// insightDetail assembles the read model of one insight.
func (a *App) insightDetail(ctx context.Context, s Scope, in model.Insight) (model.InsightDetail, error) {
	d := model.InsightDetail{Insight: in, LIX: model.LIX(in.Statement)}
	d.LIXLevel = model.LIXLevel(d.LIX)
	var err error
	if d.Evidence, err = a.Store.InsightEvidence(ctx, in.ID); err != nil {
		return d, err
	}
	if d.History, err = a.Store.PhaseHistory(ctx, in.ID); err != nil {
		return d, err
	}
	if d.Tests, err = a.Store.Tests(ctx, s.Project.ID, in.ID); err != nil {
		return d, err
	}
	inds, err := a.Store.Indicators(ctx, s.Project.ID, in.ID)
	if err != nil {
		return d, err
	}
	d.Indicators, err = a.indicatorEffects(ctx, inds)
	if d.Evidence == nil {
		d.Evidence = []model.Evidence{}
	}
	if d.Tests == nil {
		d.Tests = []model.Test{}
	}
	if err != nil {
		return d, err
	}
	d.Memos, err = a.Store.Memos(ctx, s.Project.ID, store.MemoFilter{Target: &model.MemoTarget{Kind: "insight", ID: in.ID}, Limit: MaxMemoList})
	if d.Memos == nil {
		d.Memos = []model.Memo{}
	}
	return d, err
}

// indicatorEffects adds each indicator's measurements and effect.
func (a *App) indicatorEffects(ctx context.Context, inds []model.Indicator) ([]model.IndicatorEffect, error) {
	ids := make([]int64, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	ms, err := a.Store.Measurements(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]model.IndicatorEffect, 0, len(inds))
	for _, ind := range inds {
		out = append(out, model.NewIndicatorEffect(ind, ms[ind.ID]))
	}
	return out, nil
}
