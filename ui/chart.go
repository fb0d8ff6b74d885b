package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"indsigt/model"
)

// chart is a line chart of an indicator's measurements drawn as inline SVG
// on the server: no script, no inline style, so it passes the CSP and prints.
type chart struct {
	W, H              int
	Points            string // polyline points
	Dots              []dot
	BaseY, TargetY    float64
	Left, Right       float64
	Top, Bottom       float64
	YTicks            []tick
	XTicks            []tick
	BaseLabel, Target string
}

type dot struct {
	X, Y  float64
	Label string
}

type tick struct {
	Pos    float64
	Label  string
	Anchor string // SVG text-anchor, so the end labels stay inside the chart
}

const (
	chartW, chartH = 640, 240
	padL, padR     = 56.0, 16.0
	padT, padB     = 16.0, 32.0
)

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func newChart(ind model.Indicator, rs []model.Reading, lang string) *chart {
	if len(rs) == 0 {
		return nil
	}
	lo, hi := math.Min(ind.Baseline, ind.Target), math.Max(ind.Baseline, ind.Target)
	t0, t1 := rs[0].MeasuredAt, rs[0].MeasuredAt
	for _, r := range rs {
		lo, hi = math.Min(lo, r.Value), math.Max(hi, r.Value)
		if r.MeasuredAt.Before(t0) {
			t0 = r.MeasuredAt
		}
		if r.MeasuredAt.After(t1) {
			t1 = r.MeasuredAt
		}
	}
	if ind.StartDate != nil && ind.StartDate.Before(t0) {
		t0 = *ind.StartDate
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	margin := (hi - lo) * 0.08
	lo, hi = lo-margin, hi+margin
	if t1.Equal(t0) {
		t0, t1 = t0.Add(-24*time.Hour), t1.Add(24*time.Hour)
	}
	c := &chart{W: chartW, H: chartH, Left: padL, Right: chartW - padR, Top: padT, Bottom: chartH - padB}
	y := func(v float64) float64 { return round1(c.Bottom - (v-lo)/(hi-lo)*(c.Bottom-c.Top)) }
	x := func(t time.Time) float64 {
		return round1(c.Left + float64(t.Sub(t0))/float64(t1.Sub(t0))*(c.Right-c.Left))
	}
	var pts []string
	for _, r := range rs {
		px, py := x(r.MeasuredAt), y(r.Value)
		pts = append(pts, strconv.FormatFloat(px, 'f', -1, 64)+","+strconv.FormatFloat(py, 'f', -1, 64))
		c.Dots = append(c.Dots, dot{X: px, Y: py, Label: formatDate(lang, r.MeasuredAt) + ": " + formatNumber(lang, r.Value)})
	}
	c.Points = strings.Join(pts, " ")
	c.BaseY, c.TargetY = y(ind.Baseline), y(ind.Target)
	c.BaseLabel, c.Target = formatNumber(lang, ind.Baseline), formatNumber(lang, ind.Target)
	for i := range 5 {
		v := lo + (hi-lo)*float64(i)/4
		c.YTicks = append(c.YTicks, tick{Pos: y(v), Label: formatNumber(lang, v)})
	}
	c.XTicks = []tick{{Pos: c.Left, Label: formatDate(lang, t0), Anchor: "start"}, {Pos: c.Right, Label: formatDate(lang, t1), Anchor: "end"}}
	return c
}
