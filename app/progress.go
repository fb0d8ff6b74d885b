package app

import (
	"context"

	"indsigt/model"
)

// Default thresholds of the lead's board, in days.
const (
	DefaultStuckDays = 30
	DefaultStaleDays = 30
)

// Progress is the lead's overview of the project: insights per phase and
// how long they have been there, what is stuck (stuckDays in Opdag/forstå,
// more in the later phases: model.StuckPerPhase), tests without an outcome
// and indicators without a measurement in staleDays.
func (a *App) Progress(ctx context.Context, s Scope, stuckDays, staleDays int) (model.Progress, error) {
	if stuckDays < 0 || staleDays < 0 {
		return model.Progress{}, model.Invalid("stuck_days", model.RuleRange, "days must not be negative")
	}
	ins, err := a.Store.Insights(ctx, s.Project.ID, "")
	if err != nil {
		return model.Progress{}, err
	}
	tests, err := a.Store.Tests(ctx, s.Project.ID, 0)
	if err != nil {
		return model.Progress{}, err
	}
	now := a.Now()
	stale, err := a.Store.IndicatorsWithoutRecent(ctx, s.Project.ID, now.AddDate(0, 0, -staleDays))
	if err != nil {
		return model.Progress{}, err
	}
	last, err := a.Store.LastMeasurements(ctx, s.Project.ID)
	if err != nil {
		return model.Progress{}, err
	}
	return model.ComputeProgress(now, ins, tests, stale, last, stuckDays, staleDays), nil
}
