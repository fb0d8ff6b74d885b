package report

import (
	"testing"

	"indsigt/model"
)

func TestSummarizeReplacesStaleSummary(t *testing.T) {
	r := EffectReport{Rows: []EffectRow{{
		Direction: "down", Baseline: 12, Target: 2,
		Measurements: []model.Measurement{{Value: 4, MeasuredAt: date(3, 1)}, {Value: 10, MeasuredAt: date(1, 1)}},
		Summary:      model.EffectSummary{Count: 99, Trend: "worsening"},
	}}}
	r.Summarize()
	s := r.Rows[0].Summary
	if s.Count != 2 || s.Trend != model.TrendImproving || *s.Latest != 4 || *s.TargetReached != 80 {
		t.Errorf("summary = %+v", s)
	}
}
