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
	var c config
	var slug string
	var up app.Upload
	var asJSON bool
	fs := c.flags("ingest")
	fs.StringVar(&slug, "project", "", "project slug")
	fs.StringVar(&up.Kind, "kind", "", "interview, observation, workshop or test (default: what the file says, else interview)")
	fs.StringVar(&up.TextColumn, "text-column", "", "CSV/XLSX: the column with the note text (header, letter or number; default: from the header)")
	fs.StringVar(&up.ParticipantColumn, "participant-column", "", "CSV/XLSX: the column naming the participant")
	fs.StringVar(&up.DateColumn, "date-column", "", "CSV/XLSX: the column with the date")
	fs.StringVar(&up.Sheet, "sheet", "", "XLSX: the sheet to read (default: the first)")
	fs.BoolVar(&asJSON, "json", false, "print a per-file report as JSON on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if slug == "" || fs.NArg() == 0 {
		return fmt.Errorf("%w: --project and at least one file or folder are required", errUsage)
	}
	limits, err := ingestLimits()
	if err != nil {
		return err
	}
	s, uc, sc, err := operatorIn(ctx, &c, slug)
	if err != nil {
		return err
	}
	defer s.Close()
	uc.Ingest = ingest.New(s, limits)
	files, err := ingest.Files(fs.Args())
	if err != nil {
		return err
	}
	bar := progress(e, len(files))
	results, err := uc.IngestPaths(ctx, sc, files, up, func(ingest.Result) {
		if bar != nil {
			_ = bar.Add(1)
		}
	})
	if err != nil {
		return err
	}
	if bar != nil {
		_ = bar.Finish()
	}
	failed := printResults(e, results, asJSON)
	if err := catchUpIndex(ctx, e, s, &c); err != nil {
		return err
	}
	if failed > 0 {
		return errReported
	}
	return nil
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
