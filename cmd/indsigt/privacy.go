package main

import (
	"context"
	"fmt"
	"io"

	"indsigt/app"
	"indsigt/auth"
)

// operatorApp opens the store and the index for a one-shot command that
// writes through the use cases: erasure and retention must rebuild the
// index, so they refuse while a server holds it.
func operatorApp(ctx context.Context, c *config) (*app.App, func(), error) {
	s, err := openStore(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	x, err := openIndex(ctx, s, c)
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("%w (erasure must also remove the text from the index: use the server's API, or stop it)", err)
	}
	a := app.New(app.Deps{Store: s, Auth: auth.New(s), Indexer: x, Log: newLogger(io.Discard)})
	return a, func() { x.Close(); s.Close() }, nil
}

func cmdErase(ctx context.Context, e env, args []string) error {
	var c config
	var slug, participant string
	var sourceID, noteID int64
	fs := c.flags("erase")
	fs.StringVar(&slug, "project", "", "project slug")
	fs.StringVar(&participant, "participant", "", "a participant's code, e.g. Borger-3: every note they speak in or are named in")
	fs.Int64Var(&sourceID, "source", 0, "a source id: the source and all its notes")
	fs.Int64Var(&noteID, "note", 0, "a note id")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	given := 0
	for _, set := range []bool{participant != "", sourceID != 0, noteID != 0} {
		if set {
			given++
		}
	}
	if slug == "" || given != 1 {
		return fmt.Errorf("%w: --project and exactly one of --participant, --source, --note are required", errUsage)
	}
	a, closeAll, err := operatorApp(ctx, &c)
	if err != nil {
		return err
	}
	defer closeAll()
	sc, err := a.Enter(ctx, app.Operator(), slug)
	if err != nil {
		return err
	}
	var res app.Erased
	switch {
	case participant != "":
		res, err = a.EraseParticipant(ctx, sc, participant)
	case sourceID != 0:
		res, err = a.EraseSource(ctx, sc, sourceID)
	default:
		res, err = a.EraseNote(ctx, sc, noteID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "erased %d sources, %d notes, %d key rows, %d participants\n", res.Sources, res.Notes, res.Keys, res.Participants)
	for _, id := range res.FlaggedInsights {
		fmt.Fprintf(e.stdout, "insight %s lost evidence: its owner should look at it\n", id)
	}
	return nil
}

func cmdRetention(ctx context.Context, e env, args []string) error {
	var c config
	var dryRun, asJSON bool
	fs := c.flags("retention")
	fs.BoolVar(&dryRun, "dry-run", false, "only list the sources past their project's retention")
	fs.BoolVar(&asJSON, "json", false, "print the list as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var a *app.App
	if dryRun {
		s, err := openStore(ctx, &c)
		if err != nil {
			return err
		}
		defer s.Close()
		a = app.New(app.Deps{Store: s})
	} else {
		var closeAll func()
		var err error
		if a, closeAll, err = operatorApp(ctx, &c); err != nil {
			return err
		}
		defer closeAll()
	}
	exp, err := a.Retention(ctx, app.Operator(), dryRun)
	if err != nil {
		return err
	}
	if !dryRun {
		if a.AuditRetentionDays, err = auditRetentionDays(); err != nil {
			return err
		}
		n, err := a.TrimAccessLog(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%d access-log rows past their retention removed\n", n)
	}
	if asJSON {
		return printJSON(e.stdout, map[string]any{"dry_run": dryRun, "items": exp})
	}
	verb := "erased"
	if dryRun {
		verb = "would erase"
	}
	for _, x := range exp {
		fmt.Fprintf(e.stdout, "%s  %s source %s (%s), expired %s\n", verb, x.Project, x.SourceID, x.Title, x.ExpiresAt.Format("2006-01-02"))
	}
	fmt.Fprintf(e.stdout, "%d sources past retention\n", len(exp))
	return nil
}
