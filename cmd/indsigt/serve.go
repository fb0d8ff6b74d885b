package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"indsigt/api"
	"indsigt/app"
	"indsigt/auth"
	"indsigt/demo"
	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/search"
	"indsigt/server"
	"indsigt/store"
	"indsigt/ui"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	var c config
	var withDemo bool
	var profile string
	fs := c.flags("serve")
	fs.BoolVar(&withDemo, "demo", false, "create the demo project, users and notes on first start and print the login")
	fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the server to this file until it stops (for go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	log := newLogger(e.stderr)
	s, err := openStore(ctx, &c)
	if err != nil {
		return err
	}
	defer s.Close()
	authn := auth.New(s)
	limits, err := ingestLimits()
	if err != nil {
		return err
	}
	ing := ingest.New(s, limits)
	if withDemo {
		if err := loadDemo(ctx, e, s, authn, ing); err != nil {
			return err
		}
	}
	idx := search.NewIndexer(s, indexDir(&c), log)
	ictx, stopIndexer := context.WithCancel(context.Background())
	if err := idx.Start(ictx); err != nil {
		stopIndexer()
		return err
	}
	defer func() {
		stopIndexer()
		if err := idx.Stop(); err != nil {
			log.Error("close search index", "err", err)
		}
	}()
	shell := server.New(server.Deps{Log: log, Ping: s.Ping, Healthy: idx.Healthy, Ready: idx.Ready,
		HSTS: strings.HasPrefix(strings.ToLower(c.publicURL()), "https://"), MetricsToken: os.Getenv("INDSIGT_METRICS_TOKEN")})
	if err := boundExpensive(ictx, shell, s, idx); err != nil {
		return err
	}
	if err := s.Listen(ictx, idx.Poke); err != nil {
		log.Warn("no change notifications from PostgreSQL; the indexer polls", "err", err)
	}
	oidcAuth, err := oidcFromEnv(ctx, authn, &c, log)
	if err != nil {
		return err
	}
	auditDays, err := auditRetentionDays()
	if err != nil {
		return err
	}
	uc := app.New(app.Deps{Store: s, Auth: authn, Ingest: ing, Indexer: idx, Log: log, AuditRetentionDays: auditDays})
	go uc.RetentionEvery(ictx, time.Minute)
	api.Register(shell, api.Deps{App: uc, Auth: authn, Log: log})
	if err := ui.Register(shell, ui.Deps{App: uc, Auth: authn, Log: log, BaseURL: c.publicURL(), OIDC: oidcAuth}); err != nil {
		return err
	}
	nl, err := netLimitsFromEnv()
	if err != nil {
		return err
	}
	grace, err := shutdownGrace()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           slowBodies(shell.Handler(), nl),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads of many interview files
		WriteTimeout:      5 * time.Minute, // exports
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.addr, err)
	}
	ln = limitPerIP(ln, nl.MaxConnsPerIP)
	fmt.Fprintf(e.stdout, "indsigt is running: open %s  (store: %s, data: %s)\n", c.publicURL(), s.Dialect(), c.dataDir)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	return shutdown(srv, idx, grace, log)
}

func loadDemo(ctx context.Context, e env, s *store.Store, a *auth.Service, ing *ingest.Service) error {
	res, err := demo.Load(ctx, s, a, ing)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if !res.Created {
		fmt.Fprintf(e.stdout, "demo project %q is already loaded; sign in with the logins printed at its first start\n", res.Project.Name)
		fmt.Fprintln(e.stdout, "  lost a password? indsigt user password --email E   prints a new one-time password")
		return nil
	}
	fmt.Fprintf(e.stdout, "demo project %q created. Sign in with (shown only this once):\n", res.Project.Name)
	for _, l := range res.Logins {
		fmt.Fprintf(e.stdout, "  %-9s %-28s %s\n", l.Role, l.Email, l.Password)
	}
	fmt.Fprintln(e.stdout, "  lost a password later? indsigt user password --email E   prints a new one-time password")
	return nil
}

func cmdDemo(ctx context.Context, e env, args []string) error {
	var c config
	fs := c.flags("demo")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		if err := loadDemo(ctx, e, s, auth.New(s), ingest.New(s, parse.DefaultLimits())); err != nil {
			return err
		}
		return catchUpIndex(ctx, e, s, &c)
	})
}

// boundExpensive admits searches and uploads through gates (server/gate.go)
// so that under overload the excess gets 503 quickly instead of queueing,
// and lowers their concurrency while the search index lags, so that the
// indexer keeps a share of the cores. INDSIGT_SEARCH_* and INDSIGT_UPLOAD_*
// override the limits (docs/operations.md). A search is told within 25 ms
// whether it will be served: at 4× the load a 60 s trial answered as many
// as with 50 ms, and a refusal's p99 fell from 103 to 77 ms, since on
// busy cores telling the client costs another 25–50 ms. An upload, whose
// client would send the whole file again, may wait longer for its answer.
func boundExpensive(ctx context.Context, sh *server.Shell, s *store.Store, idx *search.Indexer) error {
	cpus := runtime.NumCPU()
	searches, err := server.LimitsFromEnv("INDSIGT_SEARCH", server.Limits{Max: 2 * cpus, Wait: 500 * time.Millisecond, OverloadWait: 25 * time.Millisecond, RefuseBy: 25 * time.Millisecond, Interval: 500 * time.Millisecond, Target: 200 * time.Millisecond, Min: cpus})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	uploads, err := server.LimitsFromEnv("INDSIGT_UPLOAD", server.Limits{Max: cpus, Wait: time.Second, OverloadWait: 50 * time.Millisecond, Interval: 500 * time.Millisecond, Target: 500 * time.Millisecond})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	lagBound, err := server.DurationEnv("INDSIGT_INDEX_LAG_BOUND", time.Second)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	sh.Bound("search", searches,
		"GET /api/v1/projects/:p/search", "GET /p/:slug/search",
		"GET /api/v1/projects/:p/suggestions", "GET /p/:slug/board",
		"GET /api/v1/projects/:p/notes/:id/similar")
	sh.Bound("upload", uploads, "POST /api/v1/projects/:p/sources", "POST /p/:slug/sources",
		"POST /api/v1/projects/:p/imports/qdpx", "POST /p/:slug/imports/qdpx")
	go sh.FollowLag(ctx, server.IndexLag(s, idx), server.LagControl{Bound: lagBound})
	return nil
}
