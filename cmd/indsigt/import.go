package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"indsigt/app"
)

// cmdImportQDPX imports a REFI-QDA project file into a project; it prints
// the counts and each item that was not simply imported (or, with --json,
// the API's answer).
func cmdImportQDPX(ctx context.Context, e env, args []string) error {
	var asJSON bool
	p := newInProject("import-qdpx")
	p.fs.BoolVar(&asJSON, "json", false, "print the result as JSON on stdout")
	if err := parseFlags(p.fs, args); err != nil {
		return err
	}
	if p.slug == "" || p.fs.NArg() != 1 {
		return fmt.Errorf("%w: --project and one .qdpx file are required", errUsage)
	}
	data, err := readBounded(p.fs.Arg(0), app.MaxQDPXBytes)
	if err != nil {
		return err
	}
	return p.ingesting(ctx, e, func(a *app.App, sc app.Scope) error {
		res, err := a.ImportQDPX(ctx, sc, data)
		if err != nil {
			return err
		}
		printImport(e.stdout, res, asJSON)
		return nil
	})
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
