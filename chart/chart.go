// Package chart is the one geometry of indsigt's line charts: an
// indicator's measurements over time against its baseline and target,
// drawn as inline SVG by the web pages and the printable reports (no
// script, so it passes a strict Content-Security-Policy and prints).
//
// Decisions worth knowing:
//   - The y axis covers baseline, target and every value, widened to round
//     tick steps (1, 2, 2.5 or 5 times a power of ten); at most MaxTicks+1
//     ticks, counted rather than added up so that a step below the values'
//     float precision (1e17 + 16) cannot loop forever.
//   - The x axis spans the indicator's start date (when known) and the
//     measurements; a single date sits in the middle.
//   - Coordinates are rounded to a tenth and written with a decimal point,
//     whatever the language; labels go through package format.
package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"indsigt/format"
)

// MaxTicks bounds the number of y-axis steps.
const MaxTicks = 10

// Point is one measurement.
type Point struct {
	At    time.Time
	Value float64
}

// Input is what to draw and on how much room.
type Input struct {
	Width, Height     int
	PadLeft, PadRight float64
	PadTop, PadBottom float64
	Baseline, Target  float64
	Start             *time.Time
	Points            []Point
	Lang              string
	Decimals          int    // of the value labels
	Unit              string // appended to the dots' labels when set
}

// Chart is the geometry, ready for a template.
type Chart struct {
	Width, Height            int
	Left, Right, Top, Bottom float64 // the plot area
	BaseY, TargetY           float64
	BaseLabel, TargetLabel   string
	Points                   string // SVG polyline "x,y x,y"
	Dots                     []Dot
	YTicks                   []Tick
	XTicks                   []Tick
}

// Dot is a measurement's position and its label ("date: value").
type Dot struct {
	X, Y  float64
	Label string
}

// Tick is a position on an axis and its label; Anchor is the SVG
// text-anchor that keeps the end labels inside the chart.
type Tick struct {
	Pos    float64
	Label  string
	Anchor string
}

// New lays out a chart; the points need not be sorted.
func New(in Input) *Chart {
	pts := append([]Point(nil), in.Points...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].At.Before(pts[j].At) })
	lo, hi, step := yRange(in.Baseline, in.Target, pts)
	t0, t1 := xRange(in.Start, pts)
	c := &Chart{Width: in.Width, Height: in.Height, Left: in.PadLeft, Right: float64(in.Width) - in.PadRight,
		Top: in.PadTop, Bottom: float64(in.Height) - in.PadBottom}
	plotW, plotH := c.Right-c.Left, c.Bottom-c.Top
	y := func(v float64) float64 { return round1(c.Top + (hi-v)/(hi-lo)*plotH) }
	x := func(t time.Time) float64 {
		if !t1.After(t0) {
			return round1(c.Left + plotW/2)
		}
		return round1(c.Left + float64(t.Sub(t0))/float64(t1.Sub(t0))*plotW)
	}
	num := func(v float64) string { return format.Number(in.Lang, v, in.Decimals) }
	coords := make([]string, 0, len(pts))
	for _, p := range pts {
		px, py := x(p.At), y(p.Value)
		coords = append(coords, Coord(px)+","+Coord(py))
		label := format.Date(in.Lang, p.At) + ": " + num(p.Value)
		if in.Unit != "" {
			label += " " + in.Unit
		}
		c.Dots = append(c.Dots, Dot{X: px, Y: py, Label: label})
	}
	c.Points = strings.Join(coords, " ")
	c.BaseY, c.TargetY = y(in.Baseline), y(in.Target)
	c.BaseLabel, c.TargetLabel = num(in.Baseline), num(in.Target)
	for i := 0.0; i <= math.Min((hi-lo)/step, MaxTicks); i++ {
		v := lo + i*step
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: num(v), Anchor: "end"})
	}
	if !t0.IsZero() {
		c.XTicks = append(c.XTicks, Tick{Pos: x(t0), Label: format.Date(in.Lang, t0), Anchor: "start"})
		if t1.After(t0) {
			c.XTicks = append(c.XTicks, Tick{Pos: x(t1), Label: format.Date(in.Lang, t1), Anchor: "end"})
		} else {
			c.XTicks[0].Anchor = "middle"
		}
	}
	return c
}

// Coord writes an SVG coordinate; SVG needs a decimal point, whatever the language.
func Coord(v float64) string { return strconv.FormatFloat(round1(v), 'f', -1, 64) }

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// yRange covers baseline, target and all values with round tick steps.
func yRange(baseline, target float64, pts []Point) (lo, hi, step float64) {
	lo, hi = math.Min(baseline, target), math.Max(baseline, target)
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
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

// xRange spans the start date (when known) and the points.
func xRange(start *time.Time, pts []Point) (t0, t1 time.Time) {
	if start != nil {
		t0, t1 = *start, *start
	}
	for _, p := range pts {
		if t0.IsZero() || p.At.Before(t0) {
			t0 = p.At
		}
		if t1.IsZero() || p.At.After(t1) {
			t1 = p.At
		}
	}
	return t0, t1
}
