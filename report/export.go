package report

import (
	"fmt"
	"io"
	"strings"

	"indsigt/model"
)

// Kind says which data an export is written from.
type Kind int

const (
	KindEffects  Kind = iota // an EffectReport
	KindInsights             // an InsightReport
	KindQDA                  // a QDAProject
)

// Format is one downloadable report.
type Format struct {
	Name        string // e.g. "effects.csv"
	ContentType string
	Kind        Kind
	effects     func(io.Writer, EffectReport, string) error
	insights    func(io.Writer, InsightReport, string) error
	qda         func(io.Writer, QDAProject) error
}

// Options shape an export: the language of HTML reports, and the phase
// the insights must be in (empty for all), the analyst's current filter.
type Options struct {
	Lang  string
	Phase model.Phase
}

// Data is what an export is written from; a format reads only the part
// its Kind names, so the caller fills only that part.
type Data struct {
	Effects  EffectReport
	Insights InsightReport
	QDA      QDAProject
}

// Formats lists every export, for the API, the UI and the command line.
var Formats = []Format{
	{Name: "effects.csv", ContentType: "text/csv; charset=utf-8", Kind: KindEffects, effects: func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsCSV(w, r) }},
	{Name: "effects.xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind: KindEffects, effects: func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsXLSX(w, r) }},
	{Name: "effects.json", ContentType: "application/json; charset=utf-8", Kind: KindEffects, effects: func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsJSON(w, r) }},
	{Name: "effects.html", ContentType: "text/html; charset=utf-8", Kind: KindEffects, effects: WriteEffectsHTML},
	{Name: "insights.html", ContentType: "text/html; charset=utf-8", Kind: KindInsights, insights: WriteInsightsHTML},
	{Name: "insights.json", ContentType: "application/json; charset=utf-8", Kind: KindInsights, insights: func(w io.Writer, r InsightReport, _ string) error { return WriteInsightsJSON(w, r) }},
	{Name: "project.qdpx", ContentType: "application/zip", Kind: KindQDA, qda: WriteQDPX},
}

// FormatNamed finds an export by its file name.
func FormatNamed(name string) (Format, error) {
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return Format{}, fmt.Errorf("%w: no report named %q (use %s)", model.ErrNotFound, name, strings.Join(names, ", "))
}

// Printable reports whether the export is a page to show in the browser
// (with its own inline style, see StyleHash) rather than a download.
func (f Format) Printable() bool { return strings.HasSuffix(f.Name, ".html") }

// Write writes the export of d, keeping only the insights in opt.Phase
// when it is set.
func (f Format) Write(w io.Writer, d Data, opt Options) error {
	switch f.Kind {
	case KindEffects:
		r := d.Effects
		r.Rows = inPhase(r.Rows, opt.Phase, func(row EffectRow) string { return row.Phase })
		return f.effects(w, r, opt.Lang)
	case KindInsights:
		r := d.Insights
		r.Insights = inPhase(r.Insights, opt.Phase, func(e InsightEntry) string { return e.Phase })
		return f.insights(w, r, opt.Lang)
	default:
		return f.qda(w, d.QDA)
	}
}

// inPhase keeps the items whose insight is in phase; an empty phase keeps all.
func inPhase[T any](items []T, phase model.Phase, phaseOf func(T) string) []T {
	if phase == "" {
		return items
	}
	var out []T
	for _, it := range items {
		if phaseOf(it) == string(phase) {
			out = append(out, it)
		}
	}
	return out
}
