package report

import (
	"indsigt/chart"
)

// chartView is the report's SVG line chart, laid out by package chart (the
// same geometry as the web pages). All strings are escaped by html/template.
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
	maxTicks                             = chart.MaxTicks
)

func newChart(row EffectRow, lang string) *chartView {
	in := chart.Input{Width: chartW, Height: chartH, PadLeft: padLeft, PadRight: padRight, PadTop: padTop, PadBottom: padBottom,
		Baseline: row.Baseline, Target: row.Target, Start: row.StartDate, Lang: lang, Decimals: 2, Unit: row.Unit}
	for _, m := range row.Measurements {
		in.Points = append(in.Points, chart.Point{At: m.MeasuredAt, Value: m.Value})
	}
	g := chart.New(in)
	c := &chartView{
		Width: g.Width, Height: g.Height,
		Left: chart.Coord(g.Left), Right: chart.Coord(g.Right), Top: chart.Coord(g.Top), Bott: chart.Coord(g.Bottom),
		Label:    label("chart_label", lang) + ": " + row.Indicator,
		Baseline: lineView{Y: chart.Coord(g.BaseY), Label: label("baseline", lang) + " " + g.BaseLabel},
		Target:   lineView{Y: chart.Coord(g.TargetY), Label: label("target", lang) + " " + g.TargetLabel},
		Points:   g.Points,
	}
	for _, d := range g.Dots {
		c.Dots = append(c.Dots, dotView{X: chart.Coord(d.X), Y: chart.Coord(d.Y), Title: d.Label})
	}
	for _, t := range g.YTicks {
		c.YTicks = append(c.YTicks, tickView{Pos: chart.Coord(t.Pos), Label: t.Label})
	}
	for _, t := range g.XTicks {
		c.XTicks = append(c.XTicks, tickView{Pos: chart.Coord(t.Pos), Label: t.Label})
	}
	return c
}
