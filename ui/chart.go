package ui

import (
	"indsigt/chart"
	"indsigt/model"
)

// chartView is an indicator's line chart, laid out by package chart (the
// same geometry as the printable reports) and drawn by insight.html as
// inline SVG: no script, no inline style, so it passes the CSP and prints.
type chartView struct {
	*chart.Chart
	LabelX float64 // where the y-axis labels end
	TickY  float64 // the baseline of the x-axis labels
}

const (
	chartW, chartH = 640, 240
	padL, padR     = 56.0, 16.0
	padT, padB     = 16.0, 32.0
)

// newChart is nil for an indicator without measurements.
func newChart(ie model.IndicatorEffect, lang string) *chartView {
	if len(ie.Measurements) == 0 {
		return nil
	}
	in := chart.Input{Width: chartW, Height: chartH, PadLeft: padL, PadRight: padR, PadTop: padT, PadBottom: padB,
		Baseline: ie.Baseline, Target: ie.Target, Start: ie.StartDate, Lang: lang, Decimals: 1}
	for _, m := range ie.Measurements {
		in.Points = append(in.Points, chart.Point{At: m.MeasuredAt, Value: m.Value})
	}
	c := chart.New(in)
	return &chartView{Chart: c, LabelX: c.Left - 6, TickY: c.Bottom + 24}
}
