package app

import (
	"context"
	"fmt"

	"indsigt/model"
	"indsigt/store"
)

// Default thresholds of the lead's board, in days: DefaultStuckDays is a
// new project's Opdag/forstå threshold (model.DefaultStuckThresholds).
const (
	DefaultStuckDays = 30
	DefaultStaleDays = 30
)

// ProgressQuery tunes the lead's board.
type ProgressQuery struct {
	// StuckDays, when set, replaces the project's own thresholds with
	// model.StuckPerPhase(*StuckDays), for the API's ?stuck_days=.
	StuckDays *int
	// StaleDays: indicators without a measurement in so many days are listed.
	StaleDays int
}

// Progress is the lead's overview of the project: insights per phase, how
// long they have been there, who owns each and its next step, what is
// stuck (after the project's thresholds, unless the query overrides
// them), tests without an outcome and indicators without a measurement in
// StaleDays.
func (a *App) Progress(ctx context.Context, s Scope, q ProgressQuery) (model.Progress, error) {
	if q.StaleDays < 0 || (q.StuckDays != nil && *q.StuckDays < 0) {
		return model.Progress{}, model.Invalid("stuck_days", model.RuleRange, "days must not be negative")
	}
	var th model.StuckThresholds
	if q.StuckDays != nil {
		th = model.StuckPerPhase(*q.StuckDays)
	} else {
		var err error
		if th, err = a.Store.StuckThresholds(ctx, s.Project.ID); err != nil {
			return model.Progress{}, err
		}
	}
	return a.progressOf(ctx, s.Project.ID, th, q.StaleDays)
}

// progressOf reads what the board is computed from; Progress and the
// portfolio share it.
func (a *App) progressOf(ctx context.Context, projectID int64, th model.StuckThresholds, staleDays int) (model.Progress, error) {
	in := model.ProgressInput{Now: a.Now(), StuckAfter: th, StaleAfterDays: staleDays}
	var err error
	if in.Insights, err = a.Store.Insights(ctx, projectID, ""); err != nil {
		return model.Progress{}, err
	}
	if in.Tests, err = a.Store.Tests(ctx, projectID, 0); err != nil {
		return model.Progress{}, err
	}
	if in.Indicators, err = a.Store.Indicators(ctx, projectID, 0); err != nil {
		return model.Progress{}, err
	}
	if in.Stale, err = a.Store.IndicatorsWithoutRecent(ctx, projectID, in.Now.AddDate(0, 0, -staleDays)); err != nil {
		return model.Progress{}, err
	}
	if in.LastMeasured, err = a.Store.LastMeasurements(ctx, projectID); err != nil {
		return model.Progress{}, err
	}
	if in.Owners, err = a.Store.InsightOwners(ctx, projectID); err != nil {
		return model.Progress{}, err
	}
	return model.ComputeProgress(in), nil
}

// StuckThresholds are the project's "står stille" days per phase.
func (a *App) StuckThresholds(ctx context.Context, s Scope) (model.StuckThresholds, error) {
	return a.Store.StuckThresholds(ctx, s.Project.ID)
}

// SetStuckThresholds changes the project's "står stille" days per phase;
// its owners (and admins) may.
func (a *App) SetStuckThresholds(ctx context.Context, s Scope, t model.StuckThresholds) error {
	if err := s.require(model.PermManage); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetStuckThresholds(ctx, s.Project.ID, t); err != nil {
			return err
		}
		return audit(ctx, tx, s, "project.thresholds", target("project", s.Project.ID), fmt.Sprintf("%d/%d/%d", t.Opdag, t.Skab, t.Virk))
	})
}
