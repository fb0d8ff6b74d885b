package store

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"indsigt/model"
)

const testCols = `t.id, t.insight_id, t.project_id, t.title, t.hypothesis, t.method, t.participants, t.result, t.outcome, t.created_at`

// CreateTest records a Skab/test prototype or test session for an insight.
func (tx *Tx) CreateTest(ctx context.Context, t model.Test, by int64) (model.Test, error) {
	t.Title = strings.TrimSpace(t.Title)
	if t.Outcome == "" {
		t.Outcome = model.OutcomeOpen
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	if err := tx.insightInProject(ctx, t.ProjectID, t.InsightID); err != nil {
		return t, err
	}
	t.CreatedAt = tx.now
	err := get(ctx, tx.tx, &t.ID, `INSERT INTO tests (project_id, insight_id, title, hypothesis, method, participants, result, outcome, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, t.ProjectID, t.InsightID, t.Title, t.Hypothesis, t.Method, t.Participants, t.Result, t.Outcome, nullID(by), tx.now, tx.now)
	if err != nil {
		return t, fmt.Errorf("store: create test: %w", err)
	}
	return t, nil
}

// UpdateTest stores all of a test's fields.
func (tx *Tx) UpdateTest(ctx context.Context, t model.Test) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return execOne(ctx, tx.tx, "", fmt.Errorf("store: test %d: %w", t.ID, model.ErrNotFound),
		`UPDATE tests SET title = ?, hypothesis = ?, method = ?, participants = ?, result = ?, outcome = ?, updated_at = ? WHERE id = ? AND project_id = ?`,
		t.Title, t.Hypothesis, t.Method, t.Participants, t.Result, t.Outcome, tx.now, t.ID, t.ProjectID)
}

// Tests lists a project's tests, or one insight's when insightID is not 0.
func (s *Store) Tests(ctx context.Context, projectID, insightID int64) ([]model.Test, error) {
	var out []model.Test
	q, args := `SELECT `+testCols+` FROM tests t WHERE t.project_id = ?`, []any{projectID}
	if insightID != 0 {
		q += ` AND t.insight_id = ?`
		args = append(args, insightID)
	}
	if err := sel(ctx, s.db, &out, q+` ORDER BY t.id`, args...); err != nil {
		return nil, fmt.Errorf("store: tests: %w", err)
	}
	return out, nil
}

const indicatorCols = `x.id, x.insight_id, x.project_id, x.name, x.unit, x.direction, x.baseline, x.target, x.start_date, x.created_at`

// CreateIndicator adds a Virk/effekt indicator to an insight.
func (tx *Tx) CreateIndicator(ctx context.Context, ind model.Indicator, by int64) (model.Indicator, error) {
	ind.Name = strings.TrimSpace(ind.Name)
	if err := ind.Validate(); err != nil {
		return ind, err
	}
	if err := finite(ind.Baseline, ind.Target); err != nil {
		return ind, err
	}
	if err := tx.insightInProject(ctx, ind.ProjectID, ind.InsightID); err != nil {
		return ind, err
	}
	ind.CreatedAt = tx.now
	err := get(ctx, tx.tx, &ind.ID, `INSERT INTO indicators (project_id, insight_id, name, unit, direction, baseline, target, start_date, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, ind.ProjectID, ind.InsightID, ind.Name, ind.Unit, ind.Direction, ind.Baseline, ind.Target, ind.StartDate, nullID(by), tx.now)
	if err != nil {
		return ind, fmt.Errorf("store: create indicator: %w", err)
	}
	return ind, nil
}

// Indicators lists a project's indicators, or one insight's when insightID is not 0.
func (s *Store) Indicators(ctx context.Context, projectID, insightID int64) ([]model.Indicator, error) {
	var out []model.Indicator
	q, args := `SELECT `+indicatorCols+` FROM indicators x WHERE x.project_id = ?`, []any{projectID}
	if insightID != 0 {
		q += ` AND x.insight_id = ?`
		args = append(args, insightID)
	}
	if err := sel(ctx, s.db, &out, q+` ORDER BY x.id`, args...); err != nil {
		return nil, fmt.Errorf("store: indicators: %w", err)
	}
	return out, nil
}

// Indicator finds one indicator of a project.
func (s *Store) Indicator(ctx context.Context, projectID, id int64) (model.Indicator, error) {
	var ind model.Indicator
	if err := get(ctx, s.db, &ind, `SELECT `+indicatorCols+` FROM indicators x WHERE x.id = ? AND x.project_id = ?`, id, projectID); err != nil {
		return ind, fmt.Errorf("store: indicator %d: %w", id, err)
	}
	return ind, nil
}

// AddMeasurement records a measurement of an indicator of the project.
func (tx *Tx) AddMeasurement(ctx context.Context, projectID int64, m model.Measurement, by int64) (model.Measurement, error) {
	if err := m.Validate(); err != nil {
		return m, err
	}
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM indicators WHERE id = ? AND project_id = ?`, m.IndicatorID, projectID); err != nil {
		return m, fmt.Errorf("store: indicator %d: %w", m.IndicatorID, err)
	}
	m.CreatedAt = tx.now
	err := get(ctx, tx.tx, &m.ID, `INSERT INTO measurements (indicator_id, value, measured_at, comment, source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.IndicatorID, m.Value, m.MeasuredAt, m.Comment, m.Source, nullID(by), tx.now)
	if err != nil {
		return m, fmt.Errorf("store: add measurement: %w", err)
	}
	return m, nil
}

// Measurements lists the measurements of indicators, oldest first, by indicator.
func (s *Store) Measurements(ctx context.Context, indicatorIDs []int64) (map[int64][]model.Measurement, error) {
	out := map[int64][]model.Measurement{}
	if len(indicatorIDs) == 0 {
		return out, nil
	}
	var rs []model.Measurement
	if err := selIn(ctx, s.db, &rs, `SELECT id, indicator_id, value, measured_at, comment, source, created_at FROM measurements WHERE indicator_id IN (?) ORDER BY measured_at, id`, indicatorIDs); err != nil {
		return nil, fmt.Errorf("store: measurements: %w", err)
	}
	for _, r := range rs {
		out[r.IndicatorID] = append(out[r.IndicatorID], r)
	}
	return out, nil
}

func finite(vs ...float64) error {
	for i, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			field := []string{"baseline", "target"}[min(i, 1)]
			return model.Invalid(field, model.RuleNumber, "%s must be a finite number", field)
		}
	}
	return nil
}

// IndicatorsWithoutRecent lists indicators with no measurement since a time.
func (s *Store) IndicatorsWithoutRecent(ctx context.Context, projectID int64, since time.Time) ([]model.Indicator, error) {
	var out []model.Indicator
	err := sel(ctx, s.db, &out, `SELECT `+indicatorCols+` FROM indicators x WHERE x.project_id = ?
		AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.indicator_id = x.id AND m.measured_at >= ?) ORDER BY x.id`, projectID, since)
	if err != nil {
		return nil, fmt.Errorf("store: stale indicators: %w", err)
	}
	return out, nil
}

// Test finds one test of a project.
func (s *Store) Test(ctx context.Context, projectID, id int64) (model.Test, error) {
	var t model.Test
	if err := get(ctx, s.db, &t, `SELECT `+testCols+` FROM tests t WHERE t.id = ? AND t.project_id = ?`, id, projectID); err != nil {
		return t, fmt.Errorf("store: test %d: %w", id, err)
	}
	return t, nil
}

// Test finds one test of a project inside the transaction.
func (tx *Tx) Test(ctx context.Context, projectID, id int64) (model.Test, error) {
	var t model.Test
	if err := get(ctx, tx.tx, &t, `SELECT `+testCols+` FROM tests t WHERE t.id = ? AND t.project_id = ?`, id, projectID); err != nil {
		return t, fmt.Errorf("store: test %d: %w", id, err)
	}
	return t, nil
}

// Indicator finds one indicator of a project inside the transaction.
func (tx *Tx) Indicator(ctx context.Context, projectID, id int64) (model.Indicator, error) {
	var ind model.Indicator
	if err := get(ctx, tx.tx, &ind, `SELECT `+indicatorCols+` FROM indicators x WHERE x.id = ? AND x.project_id = ?`, id, projectID); err != nil {
		return ind, fmt.Errorf("store: indicator %d: %w", id, err)
	}
	return ind, nil
}

// LastMeasurements is each insight's latest measurement (of any of its
// indicators), by insight id.
func (s *Store) LastMeasurements(ctx context.Context, projectID int64) (map[int64]time.Time, error) {
	var rows []struct {
		InsightID  int64     `db:"insight_id"`
		MeasuredAt time.Time `db:"measured_at"`
	}
	err := sel(ctx, s.db, &rows, `SELECT x.insight_id, m.measured_at FROM measurements m JOIN indicators x ON x.id = m.indicator_id WHERE x.project_id = ?`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: last measurements: %w", err)
	}
	out := map[int64]time.Time{}
	for _, r := range rows {
		if r.MeasuredAt.After(out[r.InsightID]) {
			out[r.InsightID] = r.MeasuredAt
		}
	}
	return out, nil
}
