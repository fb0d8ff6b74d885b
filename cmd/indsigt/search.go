package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"indsigt/api"
	"indsigt/app"
	"indsigt/search"
	"indsigt/store"
)

func indexDir(c *config) string { return filepath.Join(c.dataDir, "index") }

// openIndex opens the index for a one-shot command and brings it up to date.
func openIndex(ctx context.Context, s *store.Store, c *config) (*search.Indexer, error) {
	x := search.NewIndexer(s, indexDir(c), newLogger(io.Discard))
	if err := x.Open(ctx); err != nil {
		if errors.Is(err, search.ErrLocked) {
			return nil, fmt.Errorf("the search index in %s is held by a running indsigt serve: search through its API (GET /api/v1/projects/{p}/search) or stop it first", indexDir(c))
		}
		return nil, err
	}
	if err := x.CatchUp(ctx); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// catchUpIndex indexes new notes after a CLI write when no server holds
// the index; a running server picks them up itself.
func catchUpIndex(ctx context.Context, e env, s *store.Store, c *config) error {
	x, err := openIndex(ctx, s, c)
	if err != nil {
		fmt.Fprintf(e.stderr, "note: %v; a running server indexes the new notes itself\n", err)
		return nil
	}
	return x.Close()
}

func cmdSearch(ctx context.Context, e env, args []string) error {
	var asJSON bool
	var limit int
	p := newInProject("search")
	fs := p.fs
	fs.BoolVar(&asJSON, "json", false, "print the answer as JSON, as the API gives it")
	fs.IntVar(&limit, "limit", 20, "how many notes to show")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.slug == "" || fs.NArg() == 0 {
		return fmt.Errorf("%w: --project and a query are required", errUsage)
	}
	var res *search.Result
	err := p.run(ctx, func(s *store.Store, a *app.App, sc app.Scope) error {
		x, err := openIndex(ctx, s, &p.c)
		if err != nil {
			return err
		}
		defer x.Close()
		a.Indexer = x
		res, err = a.Search(ctx, sc, search.Request{Query: strings.Join(fs.Args(), " "), Limit: limit, Facets: asJSON})
		return err
	})
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(e.stdout, api.NewSearchAnswer(res))
	}
	fmt.Fprintf(e.stdout, "%d notes match\n", res.Total)
	for _, h := range res.Hits {
		fmt.Fprintf(e.stdout, "note %s  (%s, %s)\n    %s\n", h.NoteID, h.SourceTitle, h.Participant, plain(h.Snippet))
	}
	return nil
}

var markTags = regexp.MustCompile(`</?mark>`)

// plain turns a safe-HTML snippet into terminal text.
func plain(snippet string) string { return html.UnescapeString(markTags.ReplaceAllString(snippet, "")) }

func cmdReindex(ctx context.Context, e env, args []string) error {
	var c config
	var slug, profile string
	fs := c.flags("reindex")
	fs.StringVar(&slug, "project", "", "rebuild only this project's index (default: every project)")
	fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the rebuild to this file (for go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	rebuildGC()
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	s, err := openStore(ctx, &c)
	if err != nil {
		return err
	}
	defer s.Close()
	var projectID int64
	if slug != "" {
		p, err := s.ProjectBySlug(ctx, slug)
		if err != nil {
			return err
		}
		projectID = p.ID
	}
	x := search.NewIndexer(s, indexDir(&c), newLogger(e.stderr))
	defer x.Close()
	if projectID != 0 {
		if err = x.Open(ctx); err == nil {
			err = x.RebuildProject(ctx, projectID)
		}
	} else {
		err = x.OpenRebuilt(ctx)
	}
	if errors.Is(err, search.ErrLocked) {
		return fmt.Errorf("the search index is held by a running indsigt serve; stop it first (or delete %s while it is stopped: it is rebuilt at start)", indexDir(&c))
	}
	if err != nil {
		return err
	}
	if err := x.CatchUp(ctx); err != nil {
		return err
	}
	n, _ := x.Index().DocCount()
	fmt.Fprintf(e.stderr, "index rebuilt: %d notes\n", n)
	return nil
}
