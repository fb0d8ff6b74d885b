package chart

import (
	"testing"
	"time"
)

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
