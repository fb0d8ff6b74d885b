package model

import (
	"math"
	"sort"
	"time"
)

// Trend values of EffectSummary.Trend.
const (
	TrendImproving = "improving"
	TrendWorsening = "worsening"
	TrendFlat      = "flat"
	TrendNone      = "none" // fewer than two measurements at different times
)

// effectFlatShare is the part of the baseline→target distance below which the fitted
// movement over the measured period counts as "flat": noise of a few per mille
// should not be reported to a lead as progress.
const effectFlatShare = 0.01

// EffectSummary condenses an indicator's measurements for the effect report.
// Optional numbers are pointers so "no value" is never confused with zero.
type EffectSummary struct {
	Baseline float64    `json:"baseline"`
	Target   float64    `json:"target"`
	Latest   *float64   `json:"latest"`
	LatestAt *time.Time `json:"latest_at"`
	// Change is latest − baseline.
	Change *float64 `json:"change"`
	// ChangePct is Change relative to |baseline| in %; nil when the baseline is 0.
	ChangePct *float64 `json:"change_pct"`
	// TargetReached is how far the latest value has come from baseline to target,
	// in % clamped to 0..100 (the API promises percentages in that range). It is
	// nil without measurements or when target equals baseline (no distance to go).
	TargetReached *float64 `json:"target_reached"`
	// Overshoot is true when the latest value went beyond the target, which the
	// clamped TargetReached alone cannot tell.
	Overshoot bool `json:"overshoot"`
	// Trend is improving, worsening, flat or none, judged from the slope of a
	// least-squares line through the measurements in the indicator's direction.
	Trend string `json:"trend"`
	// Slope is the least-squares slope in units per week; nil when Trend is none.
	Slope *float64 `json:"slope_per_week"`
	Count int      `json:"count"`
}

// SortMeasurements returns the measurements ordered by date; equal dates keep
// their input order, so the last one entered on a day counts as the latest.
func SortMeasurements(ms []Measurement) []Measurement {
	out := append([]Measurement(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].MeasuredAt.Before(out[j].MeasuredAt) })
	return out
}

// SummarizeEffect computes the effect summary of an indicator; a direction
// other than down is treated as up.
func SummarizeEffect(direction Direction, baseline, target float64, ms []Measurement) EffectSummary {
	s := EffectSummary{Baseline: baseline, Target: target, Trend: TrendNone, Count: len(ms)}
	if len(ms) == 0 {
		return s
	}
	sorted := SortMeasurements(ms)
	last := sorted[len(sorted)-1]
	latest, at := last.Value, last.MeasuredAt
	change := latest - baseline
	s.Latest, s.LatestAt, s.Change = &latest, &at, &change
	if baseline != 0 {
		pct := change / math.Abs(baseline) * 100
		s.ChangePct = &pct
	}
	if target != baseline {
		raw := change / (target - baseline) * 100
		reached := math.Min(math.Max(raw, 0), 100)
		s.TargetReached = &reached
		s.Overshoot = raw > 100
	}
	s.Trend, s.Slope = effectTrend(direction, baseline, target, sorted)
	return s
}

// effectTrend fits value = a + slope·weeks by least squares and names its direction.
func effectTrend(dir Direction, baseline, target float64, sorted []Measurement) (string, *float64) {
	slope, span, ok := leastSquaresSlope(sorted)
	if !ok {
		return TrendNone, nil
	}
	scale := math.Abs(target - baseline)
	if scale == 0 {
		scale = math.Abs(baseline)
	}
	moved := slope * span
	if math.Abs(moved) <= effectFlatShare*scale {
		return TrendFlat, &slope
	}
	if (moved > 0) == (dir != DirectionDown) {
		return TrendImproving, &slope
	}
	return TrendWorsening, &slope
}

// leastSquaresSlope returns the slope in units per week and the time span in
// weeks; ok is false when the times do not vary (fewer than two dates).
func leastSquaresSlope(sorted []Measurement) (slope, spanWeeks float64, ok bool) {
	const week = 7 * 24 * time.Hour
	t0 := sorted[0].MeasuredAt
	n := float64(len(sorted))
	var sx, sy float64
	xs := make([]float64, len(sorted))
	for i, m := range sorted {
		xs[i] = float64(m.MeasuredAt.Sub(t0)) / float64(week)
		sx += xs[i]
		sy += m.Value
	}
	mx, my := sx/n, sy/n
	var sxx, sxy float64
	for i, m := range sorted {
		dx := xs[i] - mx
		sxx += dx * dx
		sxy += dx * (m.Value - my)
	}
	if sxx == 0 {
		return 0, 0, false
	}
	return sxy / sxx, xs[len(xs)-1] - xs[0], true
}
