package chart

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestNewExtremes(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name      string
		base, tgt float64
		values    []float64
	}{
		{"huge with tiny range", 1e17, 1e17 + 16, []float64{1e17 + 8}},
		{"all equal", 5, 5, []float64{5, 5}},
		{"all zero", 0, 0, nil},
		{"negative", -10, -2, []float64{-8, -4}},
	} {
		in := Input{Width: 560, Height: 220, PadLeft: 60, PadRight: 110, PadTop: 14, PadBottom: 36, Baseline: tt.base, Target: tt.tgt, Decimals: 2}
		for i, v := range tt.values {
			in.Points = append(in.Points, Point{At: day(1 + i), Value: v})
		}
		c := New(in)
		if len(c.YTicks) < 2 || len(c.YTicks) > MaxTicks+1 {
			t.Errorf("%s: %d y ticks", tt.name, len(c.YTicks))
		}
		if strings.Contains(c.Points, "NaN") || math.IsNaN(c.BaseY) || math.IsNaN(c.TargetY) {
			t.Errorf("%s: NaN coordinates: %+v", tt.name, c)
		}
	}
}

func TestNewPlacesPointsInside(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	c := New(Input{Width: 640, Height: 240, PadLeft: 56, PadRight: 16, PadTop: 16, PadBottom: 32, Baseline: 12, Target: 2, Lang: "da", Decimals: 1,
		Points: []Point{{day(15), 4}, {day(1), 10}, {day(8), 7}}})
	if c.Dots[0].X != 56 || c.Dots[2].X != 624 {
		t.Errorf("x range: %+v", c.Dots)
	}
	for _, d := range c.Dots {
		if d.Y < c.Top || d.Y > c.Bottom {
			t.Errorf("dot outside: %+v", d)
		}
	}
	if c.Dots[0].Label != "1. jan. 2026: 10" || c.XTicks[1].Anchor != "end" {
		t.Errorf("labels: %+v %+v", c.Dots[0], c.XTicks)
	}
}
