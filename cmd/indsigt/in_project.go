package main

import (
	"context"
	"flag"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/store"
)

// inProject is the skeleton of the commands that act inside one project
// as the local operator: the store's flags and --project on one flag set,
// then run enters the project, calls the command's body and closes the
// store.
type inProject struct {
	c    config
	slug string
	fs   *flag.FlagSet
}

func newInProject(name string) *inProject {
	p := &inProject{}
	p.fs = p.c.flags(name)
	p.fs.StringVar(&p.slug, "project", "", "project slug")
	return p
}

// run enters the project and calls fn with the open store.
func (p *inProject) run(ctx context.Context, fn func(s *store.Store, a *app.App, sc app.Scope) error) error {
	s, a, sc, err := operatorIn(ctx, &p.c, p.slug)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, a, sc)
}

// ingesting is run for the commands that bring text in (ingest,
// import-qdpx): the ingest limits of the environment, and the index
// brought up to date once fn has written.
func (p *inProject) ingesting(ctx context.Context, e env, fn func(a *app.App, sc app.Scope) error) error {
	limits, err := ingestLimits()
	if err != nil {
		return err
	}
	return p.run(ctx, func(s *store.Store, a *app.App, sc app.Scope) error {
		a.Ingest = ingest.New(s, limits)
		if err := fn(a, sc); err != nil {
			return err
		}
		return catchUpIndex(ctx, e, s, &p.c)
	})
}
