package report

import (
	"context"
	"fmt"
	"io"
	"strings"

	"indsigt/model"
	"indsigt/store"
)

// Format is one downloadable report.
type Format struct {
	Name        string // e.g. "effects.csv"
	ContentType string
	write       func(ctx context.Context, s *store.Store, p model.Project, opt Options, w io.Writer) error
}

// Options shape an export: the language of HTML reports, and the phase
// the insights must be in (empty for all), the analyst's current filter.
type Options struct {
	Lang  string
	Phase model.Phase
}

// Formats lists every export, for the API, the UI and the command line.
var Formats = []Format{
	{"effects.csv", "text/csv; charset=utf-8", effects(func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsCSV(w, r) })},
	{"effects.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", effects(func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsXLSX(w, r) })},
	{"effects.json", "application/json; charset=utf-8", effects(func(w io.Writer, r EffectReport, _ string) error { return WriteEffectsJSON(w, r) })},
	{"effects.html", "text/html; charset=utf-8", effects(WriteEffectsHTML)},
	{"insights.html", "text/html; charset=utf-8", insights(WriteInsightsHTML)},
	{"insights.json", "application/json; charset=utf-8", insights(func(w io.Writer, r InsightReport, _ string) error { return WriteInsightsJSON(w, r) })},
	{"project.qdpx", "application/zip", func(ctx context.Context, s *store.Store, p model.Project, _ Options, w io.Writer) error {
		q, err := BuildQDA(ctx, s, p)
		if err != nil {
			return err
		}
		return WriteQDPX(w, q)
	}},
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

// Write builds the report from the store and writes it.
func (f Format) Write(ctx context.Context, s *store.Store, p model.Project, opt Options, w io.Writer) error {
	return f.write(ctx, s, p, opt, w)
}

func effects(write func(io.Writer, EffectReport, string) error) func(context.Context, *store.Store, model.Project, Options, io.Writer) error {
	return func(ctx context.Context, s *store.Store, p model.Project, opt Options, w io.Writer) error {
		r, err := BuildEffects(ctx, s, p)
		if err != nil {
			return err
		}
		if opt.Phase != "" {
			var rows []EffectRow
			for _, row := range r.Rows {
				if row.Phase == string(opt.Phase) {
					rows = append(rows, row)
				}
			}
			r.Rows = rows
		}
		return write(w, r, opt.Lang)
	}
}

func insights(write func(io.Writer, InsightReport, string) error) func(context.Context, *store.Store, model.Project, Options, io.Writer) error {
	return func(ctx context.Context, s *store.Store, p model.Project, opt Options, w io.Writer) error {
		r, err := BuildInsights(ctx, s, p)
		if err != nil {
			return err
		}
		if opt.Phase != "" {
			var ins []InsightEntry
			for _, e := range r.Insights {
				if e.Phase == string(opt.Phase) {
					ins = append(ins, e)
				}
			}
			r.Insights = ins
		}
		return write(w, r, opt.Lang)
	}
}
