package model

import (
	"math"
	"testing"
	"time"
)

func effectDay(d int) time.Time { return time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

func effectSeries(vals ...float64) []Measurement {
	ms := make([]Measurement, len(vals))
	for i, v := range vals {
		ms[i] = Measurement{Value: v, MeasuredAt: effectDay(7 * i), Comment: "måling æøå"}
	}
	return ms
}

func effectPtr(f float64) *float64 { return &f }

func TestSummarizeEffect(t *testing.T) {
	tests := []struct {
		name      string
		dir       Direction
		base, tgt float64
		ms        []Measurement
		latest    *float64
		change    *float64
		changePct *float64
		reached   *float64
		overshoot bool
		trend     string
		slope     *float64
	}{
		{name: "down improving", dir: "down", base: 12, tgt: 2, ms: effectSeries(10, 7, 4),
			latest: effectPtr(4), change: effectPtr(-8), changePct: effectPtr(-66.666667), reached: effectPtr(80), trend: TrendImproving, slope: effectPtr(-3)},
		{name: "up improving", dir: "up", base: 50, tgt: 70, ms: effectSeries(52, 55, 60),
			latest: effectPtr(60), change: effectPtr(10), changePct: effectPtr(20), reached: effectPtr(50), trend: TrendImproving, slope: effectPtr(4)},
		{name: "up worsening", dir: "up", base: 50, tgt: 70, ms: effectSeries(49, 47, 45),
			latest: effectPtr(45), change: effectPtr(-5), changePct: effectPtr(-10), reached: effectPtr(0), trend: TrendWorsening, slope: effectPtr(-2)},
		{name: "down worsening", dir: "down", base: 12, tgt: 2, ms: effectSeries(12, 13, 15),
			latest: effectPtr(15), change: effectPtr(3), changePct: effectPtr(25), reached: effectPtr(0), trend: TrendWorsening, slope: effectPtr(1.5)},
		{name: "overshoot clamps at 100", dir: "up", base: 10, tgt: 20, ms: effectSeries(15, 25),
			latest: effectPtr(25), change: effectPtr(15), changePct: effectPtr(150), reached: effectPtr(100), overshoot: true, trend: TrendImproving, slope: effectPtr(10)},
		{name: "flat", dir: "up", base: 0, tgt: 100, ms: effectSeries(40, 40.1, 40),
			latest: effectPtr(40), change: effectPtr(40), reached: effectPtr(40), trend: TrendFlat, slope: effectPtr(0)},
		{name: "target equals baseline", dir: "down", base: 5, tgt: 5, ms: effectSeries(6, 4),
			latest: effectPtr(4), change: effectPtr(-1), changePct: effectPtr(-20), trend: TrendImproving, slope: effectPtr(-2)},
		{name: "no measurements", dir: "up", base: 3, tgt: 9, trend: TrendNone},
		{name: "one measurement", dir: "up", base: 3, tgt: 9, ms: effectSeries(6),
			latest: effectPtr(6), change: effectPtr(3), changePct: effectPtr(100), reached: effectPtr(50), trend: TrendNone},
		{name: "same date twice", dir: "up", base: 3, tgt: 9,
			ms:     []Measurement{{Value: 4, MeasuredAt: effectDay(1)}, {Value: 5, MeasuredAt: effectDay(1)}},
			latest: effectPtr(5), change: effectPtr(2), changePct: effectPtr(66.666667), reached: effectPtr(33.333333), trend: TrendNone},
		{name: "negative baseline", dir: "up", base: -4, tgt: 0, ms: effectSeries(-2),
			latest: effectPtr(-2), change: effectPtr(2), changePct: effectPtr(50), reached: effectPtr(50), trend: TrendNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SummarizeEffect(tt.dir, tt.base, tt.tgt, tt.ms)
			if s.Count != len(tt.ms) || s.Baseline != tt.base || s.Target != tt.tgt {
				t.Errorf("count/baseline/target = %d/%v/%v", s.Count, s.Baseline, s.Target)
			}
			checkEffectPtr(t, "latest", s.Latest, tt.latest)
			checkEffectPtr(t, "change", s.Change, tt.change)
			checkEffectPtr(t, "change pct", s.ChangePct, tt.changePct)
			checkEffectPtr(t, "target reached", s.TargetReached, tt.reached)
			checkEffectPtr(t, "slope", s.Slope, tt.slope)
			if s.Overshoot != tt.overshoot {
				t.Errorf("overshoot = %v, want %v", s.Overshoot, tt.overshoot)
			}
			if s.Trend != tt.trend {
				t.Errorf("trend = %q, want %q", s.Trend, tt.trend)
			}
			if (s.LatestAt == nil) != (tt.latest == nil) {
				t.Errorf("latest at = %v", s.LatestAt)
			}
		})
	}
}

func checkEffectPtr(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %v, want %v", name, fmtEffectPtr(got), fmtEffectPtr(want))
	case math.Abs(*got-*want) > 1e-4:
		t.Errorf("%s = %v, want %v", name, *got, *want)
	}
}

func fmtEffectPtr(f *float64) any {
	if f == nil {
		return "nil"
	}
	return *f
}

func TestSummarizeEffectSortsUnsortedInput(t *testing.T) {
	ms := []Measurement{
		{Value: 4, MeasuredAt: effectDay(14), Comment: "sidst"},
		{Value: 10, MeasuredAt: effectDay(0)},
		{Value: 7, MeasuredAt: effectDay(7)},
	}
	s := SummarizeEffect("down", 12, 2, ms)
	if *s.Latest != 4 || !s.LatestAt.Equal(effectDay(14)) || s.Trend != TrendImproving {
		t.Fatalf("latest %v at %v trend %s", *s.Latest, s.LatestAt, s.Trend)
	}
	if ms[0].Value != 4 {
		t.Error("input slice was reordered")
	}
}

func TestSortMeasurementsKeepsInputOrderOnTies(t *testing.T) {
	ms := []Measurement{{Value: 1, MeasuredAt: effectDay(2)}, {Value: 2, MeasuredAt: effectDay(1)}, {Value: 3, MeasuredAt: effectDay(1)}}
	got := SortMeasurements(ms)
	want := []float64{2, 3, 1}
	for i, m := range got {
		if m.Value != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
}
