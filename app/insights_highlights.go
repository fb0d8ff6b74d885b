package app

import (
	"context"
	"fmt"

	"indsigt/model"
	"indsigt/store"
)

// NewEvidence is a note or a highlight to back an insight with. With a
// HighlightID the note is the highlight's (NoteID may be left out, and
// must name that note when given).
type NewEvidence struct {
	NoteID      int64
	HighlightID int64
	Stance      model.Stance
}

// AddEvidenceItem links a note or a highlight of the project to an
// insight, or changes its stance, and answers the note it links. Audited
// as insight.evidence on insight:<id>, the note (and highlight) and the
// stance in the detail.
func (a *App) AddEvidenceItem(ctx context.Context, s Scope, insightID int64, in NewEvidence) (noteID int64, err error) {
	if err := s.require(model.PermWrite); err != nil {
		return 0, err
	}
	stance, err := model.ParseStance(string(in.Stance))
	if err != nil {
		return 0, err
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		detail := ""
		if noteID, detail, err = addEvidence(ctx, tx, s, insightID, in, stance); err != nil {
			return err
		}
		return audit(ctx, tx, s, "insight.evidence", target("insight", insightID), fmt.Sprintf("%s %s", detail, stance))
	})
	return noteID, err
}

// addEvidence writes one evidence row and names what it links for the
// audit detail.
func addEvidence(ctx context.Context, tx *store.Tx, s Scope, insightID int64, in NewEvidence, stance model.Stance) (noteID int64, detail string, err error) {
	if in.HighlightID == 0 {
		return in.NoteID, target("note", in.NoteID), tx.AddEvidence(ctx, s.Project.ID, insightID, in.NoteID, stance, s.userID())
	}
	if in.NoteID != 0 {
		h, err := tx.Highlight(ctx, s.Project.ID, in.HighlightID)
		if err != nil {
			return 0, "", err
		}
		if h.NoteID != in.NoteID {
			return 0, "", model.Invalid("highlight_id", model.RuleOneOf, "highlight %d is not in note %d", in.HighlightID, in.NoteID)
		}
	}
	noteID, err = tx.AddHighlightEvidence(ctx, s.Project.ID, insightID, in.HighlightID, stance, s.userID())
	return noteID, target("note", noteID) + " " + target("highlight", in.HighlightID), err
}

// citeHighlights adds highlights as supporting evidence of a new insight
// and answers the insight with its evidence counted again (a highlight's
// note may also be among its notes).
func (a *App) citeHighlights(ctx context.Context, tx *store.Tx, s Scope, insightID int64, ids []int64) (model.Insight, error) {
	for _, id := range ids {
		if _, _, err := addEvidence(ctx, tx, s, insightID, NewEvidence{HighlightID: id}, model.Supports); err != nil {
			return model.Insight{}, err
		}
	}
	return tx.Insight(ctx, s.Project.ID, insightID)
}
