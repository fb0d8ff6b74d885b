package main

import (
	"context"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"indsigt/api"
	"indsigt/app"
	"indsigt/ingest"
)

func cmdIngest(ctx context.Context, e env, args []string) error {
	var up app.Upload
	var asJSON bool
	p := newInProject("ingest")
	fs := p.fs
	fs.StringVar(&up.Kind, "kind", "", "interview, observation, workshop or test (default: what the file says, else interview)")
	fs.StringVar(&up.TextColumn, "text-column", "", "CSV/XLSX: the column with the note text (header, letter or number; default: from the header)")
	fs.StringVar(&up.ParticipantColumn, "participant-column", "", "CSV/XLSX: the column naming the participant")
	fs.StringVar(&up.DateColumn, "date-column", "", "CSV/XLSX: the column with the date")
	fs.StringVar(&up.Sheet, "sheet", "", "XLSX: the sheet to read (default: the first)")
	fs.BoolVar(&asJSON, "json", false, "print a per-file report as JSON on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.slug == "" || fs.NArg() == 0 {
		return fmt.Errorf("%w: --project and at least one file or folder are required", errUsage)
	}
	failed := 0
	err := p.ingesting(ctx, e, func(a *app.App, sc app.Scope) error {
		files, err := ingest.Files(fs.Args())
		if err != nil {
			return err
		}
		results, err := ingestWithProgress(ctx, e, a, sc, files, up)
		if err != nil {
			return err
		}
		failed = printResults(e, results, asJSON)
		return nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// ingestWithProgress ingests the files, with a bar when it is worth one.
func ingestWithProgress(ctx context.Context, e env, a *app.App, sc app.Scope, files []string, up app.Upload) ([]ingest.Result, error) {
	bar := progress(e, len(files))
	results, err := a.IngestPaths(ctx, sc, files, up, func(ingest.Result) {
		if bar != nil {
			_ = bar.Add(1)
		}
	})
	if err != nil {
		return nil, err
	}
	if bar != nil {
		_ = bar.Finish()
	}
	return results, nil
}

// progress shows a bar on stderr only when it is a terminal and the batch is long enough to wait for.
func progress(e env, n int) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || n < 5 {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
}

// printResults prints what happened to each file and returns how many failed.
func printResults(e env, results []ingest.Result, asJSON bool) int {
	failed, counts := 0, map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		switch r.Status {
		case ingest.StatusFailed:
			failed++
			fmt.Fprintf(e.stderr, "FAILED     %s: %s\n", r.Name, r.Error)
		case ingest.StatusDuplicate:
			fmt.Fprintf(e.stderr, "duplicate  %s: %s\n", r.Name, r.Error)
		}
	}
	if asJSON {
		_ = printJSON(e.stdout, api.Page[ingest.Result]{Items: results})
	}
	fmt.Fprintf(e.stderr, "%d ingested, %d duplicates, %d failed\n", counts[ingest.StatusIngested], counts[ingest.StatusDuplicate], failed)
	return failed
}
