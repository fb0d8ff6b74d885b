package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"

	"indsigt/format"
	"indsigt/model"
)

//go:embed templates/*.html templates/report.css
var templateFS embed.FS

// templates is parsed once and never changed; a broken template fails every
// test and the program's start instead of a request.
var templates = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// reportCSS is the printable style sheet, inlined so a saved report stands alone.
var reportCSS = func() string {
	b, err := templateFS.ReadFile("templates/report.css")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// StyleHash is the CSP source for the inline style element of the HTML
// reports ("'sha256-…'"), for a handler that serves them under a strict
// Content-Security-Policy: style-src 'self' <StyleHash>.
func StyleHash() string {
	sum := sha256.Sum256([]byte(reportCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

type pageView struct {
	Lang, Title, Project, Generated string
	L                               map[string]string
	CSS                             template.CSS
}

func newPage(lang, titleKey, project string) pageView {
	lang = normLang(lang)
	l := make(map[string]string, len(labels))
	for k := range labels {
		l[k] = label(k, lang)
	}
	return pageView{Lang: lang, Title: l[titleKey], Project: project, L: l, CSS: template.CSS(reportCSS)}
}

type rowView struct {
	InsightTitle, Phase, Indicator, Unit, Direction, DirectionHint string
	Start, Baseline, Target, Latest, LatestDate                    string
	Change, ChangePct, Reached, Trend, TrendClass, Count           string
	Overshoot                                                      bool
	L                                                              map[string]string
	Chart                                                          *chartView
	Measurements                                                   []measurementView
}

type measurementView struct{ Date, Value, Comment string }

func newRowView(row EffectRow, lang string, l map[string]string) rowView {
	s := row.Summary
	num := func(v *float64, d int) string {
		if v == nil {
			return "–"
		}
		return danishNumber(*v, d, lang)
	}
	v := rowView{
		InsightTitle: row.InsightTitle, Phase: phaseLabel(row.Phase, lang), Indicator: row.Indicator, Unit: row.Unit,
		Direction: label(row.Direction, lang), DirectionHint: directionHint(row.Direction, lang),
		Start: "–", Baseline: danishNumber(row.Baseline, 2, lang), Target: danishNumber(row.Target, 2, lang),
		Latest: num(s.Latest, 2), LatestDate: "–", Change: num(s.Change, 2),
		ChangePct: num(s.ChangePct, pctDecimals), Reached: num(s.TargetReached, pctDecimals),
		Trend: label(s.Trend, lang), TrendClass: "trend-" + s.Trend, Count: strconv.Itoa(s.Count),
		Overshoot: s.Overshoot, L: l, Chart: newChart(row, lang),
	}
	if row.StartDate != nil {
		v.Start = humanDate(*row.StartDate, lang)
	}
	if s.LatestAt != nil {
		v.LatestDate = humanDate(*s.LatestAt, lang)
	}
	for _, m := range model.SortMeasurements(row.Measurements) {
		v.Measurements = append(v.Measurements, measurementView{humanDate(m.MeasuredAt, lang), danishNumber(m.Value, 2, lang), m.Comment})
	}
	return v
}

type effectsView struct {
	pageView
	Rows []rowView
}

// WriteEffectsHTML writes a printable effect report, in Danish unless lang is
// "en", with an SVG chart per indicator.
func WriteEffectsHTML(w io.Writer, r EffectReport, lang string) error {
	v := effectsView{pageView: newPage(lang, "effects_title", r.ProjectName)}
	v.Generated = humanDate(r.GeneratedAt, v.Lang)
	for _, row := range r.Rows {
		v.Rows = append(v.Rows, newRowView(row, v.Lang, v.L))
	}
	return execute(w, "effects.html", v)
}

type insightView struct {
	Title, Statement, Phase, LIX, LIXLevel string
	Evidence                               []quoteView
	History                                []historyView
	Tests                                  []testView
	Indicators                             []rowView
	Memos                                  []memoView
}

// memoView is a memo; Body is format.Memo's escaped HTML.
type memoView struct {
	Author, At string
	Body       template.HTML
}

type quoteView struct{ Text, Speaker, Source, Stance, StanceClass string }

type historyView struct{ From, To, Reason, By, At string }

type testView struct{ Title, Hypothesis, Method, Participants, Result, Outcome string }

type insightsView struct {
	pageView
	Insights []insightView
}

// WriteInsightsHTML writes a printable report of all insights with their
// evidence quotes, phase history, tests and indicators.
func WriteInsightsHTML(w io.Writer, r InsightReport, lang string) error {
	v := insightsView{pageView: newPage(lang, "insights_title", r.ProjectName)}
	v.Generated = humanDate(r.GeneratedAt, v.Lang)
	for _, in := range r.Insights {
		v.Insights = append(v.Insights, newInsightView(in, v.Lang, v.L))
	}
	return execute(w, "insights.html", v)
}

func newInsightView(in InsightEntry, lang string, l map[string]string) insightView {
	level := model.LIXLevel(in.LIX)
	if lang == "en" {
		level = model.LIXLevelEN(in.LIX)
	}
	v := insightView{Title: in.Title, Statement: in.Statement, Phase: phaseLabel(in.Phase, lang),
		LIX: danishNumber(in.LIX, 0, lang), LIXLevel: level}
	for _, q := range in.Evidence {
		v.Evidence = append(v.Evidence, quoteView{q.Text, q.Speaker, q.SourceTitle, label(q.Stance, lang), "stance-" + q.Stance})
	}
	for _, h := range in.History {
		from := "–"
		if h.From != "" {
			from = phaseLabel(h.From, lang)
		}
		v.History = append(v.History, historyView{from, phaseLabel(h.To, lang), h.Reason, h.By, humanDate(h.At, lang)})
	}
	for _, t := range in.Tests {
		v.Tests = append(v.Tests, testView{t.Title, t.Hypothesis, t.Method, t.Participants, t.Result, label(t.Outcome, lang)})
	}
	for _, row := range in.Indicators {
		v.Indicators = append(v.Indicators, newRowView(row, lang, l))
	}
	for _, m := range in.Memos {
		v.Memos = append(v.Memos, memoView{Author: m.Author, At: humanDate(m.At, lang), Body: format.Memo(m.Body)})
	}
	return v
}

func execute(w io.Writer, name string, data any) error {
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return nil
}

// directionHint explains up/down to readers; other values get no hint.
func directionHint(dir, lang string) string {
	if _, ok := labels[dir+"_hint"]; !ok {
		return ""
	}
	return label(dir+"_hint", lang)
}
