package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"indsigt/app"
	"indsigt/ingest"
)

// cmdImportQDPX imports a REFI-QDA project file into a project; it prints
// the counts and each item that was not simply imported (or, with --json,
// the API's answer).
func cmdImportQDPX(ctx context.Context, e env, args []string) error {
	var c config
	var slug string
	var asJSON bool
	fs := flag.NewFlagSet("import-qdpx", flag.ContinueOnError)
	c.bind(fs)
	fs.StringVar(&slug, "project", "", "project slug")
	fs.BoolVar(&asJSON, "json", false, "print the result as JSON on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if slug == "" || fs.NArg() != 1 {
		return fmt.Errorf("%w: --project and one .qdpx file are required", errUsage)
	}
	data, err := readBounded(fs.Arg(0), app.MaxQDPXBytes)
	if err != nil {
		return err
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
	res, err := uc.ImportQDPX(ctx, sc, data)
	if err != nil {
		return err
	}
	printImport(e.stdout, res, asJSON)
	return catchUpIndex(ctx, e, s, &c)
}

// readBounded reads a file, refusing one larger than limit before reading it.
func readBounded(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the limit of %d", path, st.Size(), limit)
	}
	return os.ReadFile(path)
}

func printImport(w io.Writer, res app.QDPXImport, asJSON bool) {
	if asJSON {
		_ = json.NewEncoder(w).Encode(res)
		return
	}
	fmt.Fprintf(w, "codes: %d new, %d reused; sources: %d (%d notes); highlights: %d; note codings: %d; memos: %d; cases: %d\n",
		res.Codes, res.CodesReused, res.Sources, res.Notes, res.Highlights, res.Codings, res.Memos, res.Cases)
	for _, it := range res.Items {
		if it.Status == app.ItemImported || it.Status == app.ItemReused {
			continue
		}
		fmt.Fprintf(w, "%s %q: %s %s %s\n", it.Kind, it.Name, it.Status, it.Reason, it.Error)
	}
}
