package app

import (
	"context"
	"math"
	"time"
	_ "time/tzdata" // the local day below must not depend on the host's zone files

	"indsigt/model"
	"indsigt/store"
)

// NewTest is a Skab/test prototype or test session for an insight; an
// empty outcome is open.
type NewTest struct {
	Title, Hypothesis, Method, Participants, Result string
	Outcome                                         model.Outcome
}

// CreateTest records a test of an insight. Audited as test.create on
// test:<id>, the insight in the detail.
func (a *App) CreateTest(ctx context.Context, s Scope, insightID int64, in NewTest) (model.Test, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Test{}, err
	}
	outcome, err := model.ParseOutcome(string(in.Outcome))
	if err != nil {
		return model.Test{}, err
	}
	t := model.Test{ProjectID: s.Project.ID, InsightID: insightID, Outcome: outcome}
	err = a.write(ctx, func(tx *store.Tx) (err error) {
		for _, f := range []struct {
			dst *string
			v   string
		}{{&t.Title, in.Title}, {&t.Hypothesis, in.Hypothesis}, {&t.Method, in.Method}, {&t.Participants, in.Participants}, {&t.Result, in.Result}} {
			if *f.dst, err = a.typed(ctx, tx, s, f.v); err != nil {
				return err
			}
		}
		if err := t.Validate(); err != nil {
			return err
		}
		if t, err = tx.CreateTest(ctx, t, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "test.create", target("test", t.ID), target("insight", insightID))
	})
	return t, err
}

// TestPatch changes a test; a nil field is kept, so that recording only
// the outcome ({"outcome":"confirmed"}) works.
type TestPatch struct {
	Title, Hypothesis, Method, Participants, Result *string
	Outcome                                         *model.Outcome
}

// UpdateTest applies a patch to a test. Audited as test.update on
// test:<id>, the outcome in the detail.
func (a *App) UpdateTest(ctx context.Context, s Scope, testID int64, p TestPatch) (model.Test, error) {
	if err := s.require(model.PermWrite); err != nil {
		return model.Test{}, err
	}
	var t model.Test
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if t, err = tx.Test(ctx, s.Project.ID, testID); err != nil {
			return err
		}
		for _, f := range []struct {
			dst *string
			v   *string
		}{{&t.Title, p.Title}, {&t.Hypothesis, p.Hypothesis}, {&t.Method, p.Method}, {&t.Participants, p.Participants}, {&t.Result, p.Result}} {
			if f.v == nil {
				continue
			}
			if *f.dst, err = a.typed(ctx, tx, s, *f.v); err != nil {
				return err
			}
		}
		if p.Outcome != nil {
			if t.Outcome, err = model.ParseOutcome(string(*p.Outcome)); err != nil {
				return err
			}
		}
		if err := tx.UpdateTest(ctx, t); err != nil {
			return err
		}
		return audit(ctx, tx, s, "test.update", target("test", testID), string(t.Outcome))
	})
	return t, err
}

// NewIndicator is a Virk/effekt indicator for an insight.
type NewIndicator struct {
	Name, Unit       string
	Direction        model.Direction
	Baseline, Target float64
	StartDate        *time.Time
}

// CreateIndicator adds an indicator to an insight. Audited as
// indicator.create on indicator:<id>, the insight in the detail.
func (a *App) CreateIndicator(ctx context.Context, s Scope, insightID int64, in NewIndicator) (model.Indicator, error) {
	if err := s.require(model.PermIndicators); err != nil {
		return model.Indicator{}, err
	}
	for field, v := range map[string]float64{"baseline": in.Baseline, "target": in.Target} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return model.Indicator{}, model.Invalid(field, model.RuleNumber, "%s must be a finite number", field)
		}
	}
	ind := model.Indicator{ProjectID: s.Project.ID, InsightID: insightID, Direction: in.Direction, Baseline: in.Baseline, Target: in.Target, StartDate: in.StartDate}
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if ind.Name, err = a.typed(ctx, tx, s, in.Name); err != nil {
			return err
		}
		if ind.Unit, err = a.typed(ctx, tx, s, in.Unit); err != nil {
			return err
		}
		if err := ind.Validate(); err != nil {
			return err
		}
		if ind, err = tx.CreateIndicator(ctx, ind, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "indicator.create", target("indicator", ind.ID), target("insight", insightID))
	})
	return ind, err
}

// Indicator is one indicator with its measurements and effect.
func (a *App) Indicator(ctx context.Context, s Scope, id int64) (model.IndicatorEffect, error) {
	ind, err := a.Store.Indicator(ctx, s.Project.ID, id)
	if err != nil {
		return model.IndicatorEffect{}, err
	}
	ies, err := a.indicatorEffects(ctx, []model.Indicator{ind})
	if err != nil {
		return model.IndicatorEffect{}, err
	}
	return ies[0], nil
}

// NewMeasurement is a value of an indicator. A zero MeasuredAt is today
// (see Today): the one default for the API, the web app and the CLI.
type NewMeasurement struct {
	Value      float64
	MeasuredAt time.Time
	Comment    string
	Source     string
}

// AddMeasurement records a measurement; it answers it with its indicator.
// Audited as measurement.create on indicator:<id>.
func (a *App) AddMeasurement(ctx context.Context, s Scope, indicatorID int64, in NewMeasurement) (model.Measurement, model.Indicator, error) {
	if err := s.require(model.PermIndicators); err != nil {
		return model.Measurement{}, model.Indicator{}, err
	}
	m := model.Measurement{IndicatorID: indicatorID, Value: in.Value, MeasuredAt: in.MeasuredAt}
	if m.MeasuredAt.IsZero() {
		m.MeasuredAt = a.Today()
	}
	var ind model.Indicator
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if ind, err = tx.Indicator(ctx, s.Project.ID, indicatorID); err != nil {
			return err
		}
		if m.Comment, err = a.typed(ctx, tx, s, in.Comment); err != nil {
			return err
		}
		if m.Source, err = a.typed(ctx, tx, s, in.Source); err != nil {
			return err
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if m, err = tx.AddMeasurement(ctx, s.Project.ID, m, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "measurement.create", target("indicator", indicatorID), "")
	})
	return m, ind, err
}

// localZone is the day the municipalities live in.
var localZone = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return l
	}
	return time.UTC
}()

// Today is the default date of a measurement: the current calendar day in
// Danish time (Europe/Copenhagen), stored as that date at 00:00 UTC,
// exactly as a typed "YYYY-MM-DD" is (model.ParseDate). A measurement
// entered just after midnight in Denmark thus carries the Danish date,
// not yesterday's UTC one.
func (a *App) Today() time.Time { return localDay(a.Now()) }

// localDay is the Danish calendar day of t as a date at 00:00 UTC.
func localDay(t time.Time) time.Time {
	y, mo, d := t.In(localZone).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}
