package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"indsigt/app"
	"indsigt/store"
)

// exportNames maps the --format values of the CLI contract to reports.
var exportNames = map[string]string{
	"csv": "effects.csv", "xlsx": "effects.xlsx", "json": "effects.json", "html": "effects.html",
	"insights-html": "insights.html", "insights-json": "insights.json", "qdpx": "project.qdpx",
}

func cmdExport(ctx context.Context, e env, args []string) error {
	var format, out, lang, phase string
	p := newInProject("export")
	fs := p.fs
	fs.StringVar(&format, "format", "", "csv, xlsx, json, html, insights-html, insights-json or qdpx")
	fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	fs.StringVar(&lang, "lang", "da", "language of HTML reports: da or en")
	fs.StringVar(&phase, "phase", "", "only insights in this phase: opdag, skab or virk")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	name, ok := exportNames[format]
	if p.slug == "" || !ok {
		return fmt.Errorf("%w: --project and a --format of csv, xlsx, json, html, insights-html, insights-json or qdpx are required", errUsage)
	}
	opt, err := app.ExportOptions(lang, phase)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var exp app.Export
	err = p.run(ctx, func(_ *store.Store, a *app.App, sc app.Scope) error {
		exp, err = a.Export(ctx, sc, name, opt)
		return err
	})
	if err != nil {
		return err
	}
	if out == "" {
		_, err := e.stdout.Write(exp.Body)
		return err
	}
	// Write next to the target and rename, so a failed export leaves no half file.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(exp.Body); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
