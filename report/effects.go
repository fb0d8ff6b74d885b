// Package report turns effect and insight data into files for analysts:
// CSV and XLSX for spreadsheets, JSON for scripts, printable HTML, and
// REFI-QDA (.qdpx) for other qualitative analysis tools. It does no database
// access: callers fill the input types from the store.
package report

import (
	"time"

	"indsigt/model"
)

// EffectRow is one indicator of an insight with its measurements.
type EffectRow struct {
	InsightID, InsightTitle, Phase, IndicatorID, Indicator, Unit, Direction string
	Baseline, Target                                                        float64
	StartDate                                                               *time.Time
	Measurements                                                            []model.Measurement
	// Summary is model.SummarizeEffect of the fields above; Summarize fills it.
	Summary model.EffectSummary
}

// EffectReport is the input of the effect exports.
type EffectReport struct {
	ProjectName, ProjectSlug string
	GeneratedAt              time.Time
	Rows                     []EffectRow
}

// Summarize fills each row's Summary from its direction, baseline, target and
// measurements, so callers cannot hand the exports a stale summary.
func (r *EffectReport) Summarize() {
	for i := range r.Rows {
		row := &r.Rows[i]
		row.Summary = model.SummarizeEffect(model.Direction(row.Direction), row.Baseline, row.Target, row.Measurements)
	}
}

// Decimals used in every export: derived percentages and slopes are rounded,
// entered values keep their precision up to a level that removes float noise.
const (
	valueDecimals = 6
	pctDecimals   = 1
)
