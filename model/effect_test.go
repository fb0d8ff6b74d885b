package model

import (
	"math"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

func series(vals ...float64) []Measurement {
	ms := make([]Measurement, len(vals))
	for i, v := range vals {
		ms[i] = Measurement{Value: v, MeasuredAt: day(7 * i), Comment: "måling æøå"}
	}
	return ms
}

func ptr(f float64) *float64 { return &f }

func TestSummarizeEffect(t *testing.T) {
	tests := []struct {
		name      string
		dir       string
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
		{name: "down improving", dir: "down", base: 12, tgt: 2, ms: series(10, 7, 4),
			latest: ptr(4), change: ptr(-8), changePct: ptr(-66.666667), reached: ptr(80), trend: TrendImproving, slope: ptr(-3)},
		{name: "up improving", dir: "up", base: 50, tgt: 70, ms: series(52, 55, 60),
			latest: ptr(60), change: ptr(10), changePct: ptr(20), reached: ptr(50), trend: TrendImproving, slope: ptr(4)},
		{name: "up worsening", dir: "up", base: 50, tgt: 70, ms: series(49, 47, 45),
			latest: ptr(45), change: ptr(-5), changePct: ptr(-10), reached: ptr(0), trend: TrendWorsening, slope: ptr(-2)},
		{name: "down worsening", dir: "down", base: 12, tgt: 2, ms: series(12, 13, 15),
			latest: ptr(15), change: ptr(3), changePct: ptr(25), reached: ptr(0), trend: TrendWorsening, slope: ptr(1.5)},
		{name: "overshoot clamps at 100", dir: "up", base: 10, tgt: 20, ms: series(15, 25),
			latest: ptr(25), change: ptr(15), changePct: ptr(150), reached: ptr(100), overshoot: true, trend: TrendImproving, slope: ptr(10)},
		{name: "flat", dir: "up", base: 0, tgt: 100, ms: series(40, 40.1, 40),
			latest: ptr(40), change: ptr(40), reached: ptr(40), trend: TrendFlat, slope: ptr(0)},
		{name: "target equals baseline", dir: "down", base: 5, tgt: 5, ms: series(6, 4),
			latest: ptr(4), change: ptr(-1), changePct: ptr(-20), trend: TrendImproving, slope: ptr(-2)},
		{name: "no measurements", dir: "up", base: 3, tgt: 9, trend: TrendNone},
		{name: "one measurement", dir: "up", base: 3, tgt: 9, ms: series(6),
			latest: ptr(6), change: ptr(3), changePct: ptr(100), reached: ptr(50), trend: TrendNone},
		{name: "same date twice", dir: "up", base: 3, tgt: 9,
			ms:     []Measurement{{Value: 4, MeasuredAt: day(1)}, {Value: 5, MeasuredAt: day(1)}},
			latest: ptr(5), change: ptr(2), changePct: ptr(66.666667), reached: ptr(33.333333), trend: TrendNone},
		{name: "negative baseline", dir: "up", base: -4, tgt: 0, ms: series(-2),
			latest: ptr(-2), change: ptr(2), changePct: ptr(50), reached: ptr(50), trend: TrendNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SummarizeEffect(tt.dir, tt.base, tt.tgt, tt.ms)
			if s.Count != len(tt.ms) || s.Baseline != tt.base || s.Target != tt.tgt {
				t.Errorf("count/baseline/target = %d/%v/%v", s.Count, s.Baseline, s.Target)
			}
			checkPtr(t, "latest", s.Latest, tt.latest)
			checkPtr(t, "change", s.Change, tt.change)
			checkPtr(t, "change pct", s.ChangePct, tt.changePct)
			checkPtr(t, "target reached", s.TargetReached, tt.reached)
			checkPtr(t, "slope", s.Slope, tt.slope)
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

func checkPtr(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %v, want %v", name, fmtPtr(got), fmtPtr(want))
	case math.Abs(*got-*want) > 1e-4:
		t.Errorf("%s = %v, want %v", name, *got, *want)
	}
}

func fmtPtr(f *float64) any {
	if f == nil {
		return "nil"
	}
	return *f
}

func TestSummarizeEffectSortsUnsortedInput(t *testing.T) {
	ms := []Measurement{
		{Value: 4, MeasuredAt: day(14), Comment: "sidst"},
		{Value: 10, MeasuredAt: day(0)},
		{Value: 7, MeasuredAt: day(7)},
	}
	s := SummarizeEffect("down", 12, 2, ms)
	if *s.Latest != 4 || !s.LatestAt.Equal(day(14)) || s.Trend != TrendImproving {
		t.Fatalf("latest %v at %v trend %s", *s.Latest, s.LatestAt, s.Trend)
	}
	if ms[0].Value != 4 {
		t.Error("input slice was reordered")
	}
}

func TestSortMeasurementsKeepsInputOrderOnTies(t *testing.T) {
	ms := []Measurement{{Value: 1, MeasuredAt: day(2)}, {Value: 2, MeasuredAt: day(1)}, {Value: 3, MeasuredAt: day(1)}}
	got := SortMeasurements(ms)
	want := []float64{2, 3, 1}
	for i, m := range got {
		if m.Value != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
}
