package app

import (
	"context"

	"indsigt/model"
	"indsigt/store"
)

// MovePhase moves an insight to another phase, in any direction, with the
// reason the person gave (required). It answers the moved insight and its
// whole phase history. Audited as insight.phase on insight:<id>, the new
// phase in the detail.
func (a *App) MovePhase(ctx context.Context, s Scope, insightID int64, to model.Phase, reason string) (model.Insight, []model.PhaseEvent, error) {
	if err := s.require(model.PermMovePhase); err != nil {
		return model.Insight{}, nil, err
	}
	if _, err := model.ParsePhase(string(to)); err != nil {
		return model.Insight{}, nil, err
	}
	var moved model.Insight
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if reason, err = a.typed(ctx, tx, s, reason); err != nil {
			return err
		}
		if moved, err = tx.MovePhase(ctx, s.Project.ID, insightID, to, reason, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "insight.phase", target("insight", insightID), string(to))
	})
	if err != nil {
		return moved, nil, err
	}
	hist, err := a.Store.PhaseHistory(ctx, insightID)
	return moved, hist, err
}
