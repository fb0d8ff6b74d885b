package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"indsigt/model"
)

// chartView is a server-side SVG line chart: no script, so it passes a strict
// Content-Security-Policy and prints. All strings are escaped by html/template.
type chartView struct {
	Width, Height          int
	Left, Right, Top, Bott string
	Label                  string
	Baseline, Target       lineView
	Points                 string // polyline "x,y x,y"
	Dots                   []dotView
	YTicks, XTicks         []tickView
}

type lineView struct{ Y, Label string }

type dotView struct{ X, Y, Title string }

type tickView struct{ Pos, Label string }

const (
	chartW, chartH                       = 560, 220
	padLeft, padRight, padTop, padBottom = 60.0, 110.0, 14.0, 36.0
	maxTicks                             = 10
)

// coord formats an SVG coordinate; SVG needs a decimal point, whatever the language.
func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func newChart(row EffectRow, lang string) *chartView {
	ms := model.SortMeasurements(row.Measurements)
	lo, hi, step := yRange(row.Baseline, row.Target, ms)
	t0, t1 := xRange(row.StartDate, ms)
	plotW, plotH := chartW-padLeft-padRight, chartH-padTop-padBottom
	y := func(v float64) float64 { return padTop + (hi-v)/(hi-lo)*plotH }
	x := func(t time.Time) float64 {
		if !t1.After(t0) {
			return padLeft + plotW/2
		}
		return padLeft + float64(t.Sub(t0))/float64(t1.Sub(t0))*plotW
	}
	c := &chartView{
		Width: chartW, Height: chartH,
		Left: coord(padLeft), Right: coord(chartW - padRight), Top: coord(padTop), Bott: coord(chartH - padBottom),
		Label:    label("chart_label", lang) + ": " + row.Indicator,
		Baseline: lineView{Y: coord(y(row.Baseline)), Label: label("baseline", lang) + " " + danishNumber(row.Baseline, 2, lang)},
		Target:   lineView{Y: coord(y(row.Target)), Label: label("target", lang) + " " + danishNumber(row.Target, 2, lang)},
	}
	pts := make([]string, 0, len(ms))
	for _, m := range ms {
		px, py := coord(x(m.MeasuredAt)), coord(y(m.Value))
		pts = append(pts, px+","+py)
		c.Dots = append(c.Dots, dotView{X: px, Y: py, Title: humanDate(m.MeasuredAt, lang) + ": " + danishNumber(m.Value, 2, lang) + " " + row.Unit})
	}
	c.Points = strings.Join(pts, " ")
	// Counting ticks instead of adding step until hi keeps the loop finite when
	// step is below the values' float precision (1e17 + 16).
	for i := 0.0; i <= math.Min((hi-lo)/step, maxTicks); i++ {
		v := lo + i*step
		c.YTicks = append(c.YTicks, tickView{Pos: coord(y(v)), Label: danishNumber(v, 2, lang)})
	}
	if !t0.IsZero() {
		c.XTicks = append(c.XTicks, tickView{Pos: coord(x(t0)), Label: humanDate(t0, lang)})
		if t1.After(t0) {
			c.XTicks = append(c.XTicks, tickView{Pos: coord(x(t1)), Label: humanDate(t1, lang)})
		}
	}
	return c
}

// yRange covers baseline, target and all values with round tick steps.
func yRange(baseline, target float64, ms []model.Measurement) (lo, hi, step float64) {
	lo, hi = math.Min(baseline, target), math.Max(baseline, target)
	for _, m := range ms {
		lo, hi = math.Min(lo, m.Value), math.Max(hi, m.Value)
	}
	if hi == lo {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	step = niceStep((hi - lo) / 4)
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// xRange spans the start date (when known) and the measurements.
func xRange(start *time.Time, ms []model.Measurement) (t0, t1 time.Time) {
	if start != nil {
		t0, t1 = *start, *start
	}
	for _, m := range ms {
		if t0.IsZero() || m.MeasuredAt.Before(t0) {
			t0 = m.MeasuredAt
		}
		if t1.IsZero() || m.MeasuredAt.After(t1) {
			t1 = m.MeasuredAt
		}
	}
	return t0, t1
}
