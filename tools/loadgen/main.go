// Command loadgen drives an indsigt server on this machine with an
// open-loop load: searches and uploads at fixed rates (vegeta's pacer, so a
// slow server does not slow the load down), and measures what users feel:
// latency of the answered requests per class, requests shed with 503 and
// how fast they were told, errors, and the indexer lag from an
// acknowledged upload to the moment search finds it. It refuses any
// address but loopback and stops at its duration.
//
// With --spawn it builds and starts the server of this checkout itself (a
// SQLite store in a directory of its own), so that one command reproduces
// a whole report: the load, the same at 4×, with the cores taken
// by another process, and the breaking point, found by stepping the rate:
//
//	go run ./tools/loadgen --spawn --seed 100000 --search-rate 100 --upload-rate 10 --duration 3m \
//	    --multipliers 1,4 --hog --break --out docs/load.md
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

type options struct {
	base, token, project, out, data, profile string
	spawn, hog, breaking, burn               bool
	seed, nice                               int
	searchRate, uploadRate                   int
	multipliers                              []float64
	duration, stepDuration                   time.Duration
}

func main() {
	var o options
	var mult string
	flag.StringVar(&o.base, "url", "http://127.0.0.1:8080", "the server (loopback only); ignored with --spawn")
	flag.StringVar(&o.token, "token", os.Getenv("INDSIGT_TOKEN"), "an API token of a designer in the project")
	flag.StringVar(&o.project, "project", "", "the project's slug")
	flag.BoolVar(&o.spawn, "spawn", false, "build and start the server of this checkout (SQLite) with a user, token and project of its own")
	flag.StringVar(&o.data, "data", "", "with --spawn: the data directory, kept for the next run (a seed already in it is not uploaded again); default a temporary one")
	flag.StringVar(&o.profile, "server-profile", "", "with --spawn: write the server's CPU profile over the whole run to this file")
	flag.IntVar(&o.seed, "seed", 0, "first upload this many generated notes (in files of 500)")
	flag.IntVar(&o.searchRate, "search-rate", 100, "searches per second")
	flag.IntVar(&o.uploadRate, "upload-rate", 10, "uploads per second (one 20-note file each)")
	flag.DurationVar(&o.duration, "duration", time.Minute, "how long each load runs (at most 10m)")
	flag.StringVar(&mult, "multipliers", "1", "run the load once per rate multiplier, e.g. 1,4 (empty: only --hog or --break)")
	flag.BoolVar(&o.hog, "hog", false, "also run the load at 1× while another process keeps every core busy")
	flag.BoolVar(&o.breaking, "break", false, "also find the breaking point: step the search rate up until searches are shed or their p99 passes 250 ms")
	flag.DurationVar(&o.stepDuration, "step-duration", 20*time.Second, "how long each step of --break runs")
	flag.IntVar(&o.nice, "nice", 0, "with --spawn: run the server and the --hog process this much nicer than the generator (1-19), so that the generator, which stands for clients on other machines, reads its clock without waiting behind them")
	flag.StringVar(&o.out, "out", "", "write the Markdown report here as well as to stdout")
	flag.BoolVar(&o.burn, "burn", false, "internal: keep every core busy until killed (the --hog process)")
	flag.Parse()
	if o.burn {
		burn()
	}
	for _, f := range strings.Split(mult, ",") {
		if strings.TrimSpace(f) == "" {
			continue // --multipliers "": only --hog or --break
		}
		m, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || m <= 0 || m > 20 {
			fmt.Fprintln(os.Stderr, "loadgen: --multipliers must be numbers between 0 and 20, e.g. 1,4")
			os.Exit(2)
		}
		o.multipliers = append(o.multipliers, m)
	}
	if o.nice < 0 || o.nice > 19 {
		fmt.Fprintln(os.Stderr, "loadgen: --nice must be between 0 and 19")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.duration <= 0 || o.duration > 10*time.Minute {
		return errors.New("--duration must be between 0 and 10m")
	}
	cmd := commandLine()
	load := loadAvg()
	if o.spawn {
		s, err := spawn(o.data, o.profile, o.nice)
		if err != nil {
			return err
		}
		defer s.stop()
		o.base, o.token, o.project = s.url, s.token, s.project
		if o.seed > s.seeded() {
			if err := seedAndWait(o, s); err != nil {
				return err
			}
		}
	} else if err := loopback(o.base); err != nil {
		return err
	}
	if o.token == "" || o.project == "" {
		return errors.New("--token and --project are required (or --spawn)")
	}
	if !o.spawn && o.seed > 0 {
		if err := seed(apiOf(o), authOf(o), o.seed); err != nil {
			return err
		}
	}
	start := time.Now()
	var phases []*phase
	for _, m := range o.multipliers {
		phases = append(phases, runPhase(o, fmt.Sprintf("%g×", m), m, o.duration, false))
	}
	if o.hog {
		phases = append(phases, runPhase(o, "1×, cores taken", 1, o.duration, true))
	}
	var steps []*phase
	if o.breaking {
		steps = findBreakingPoint(o)
	}
	rep := report(o, cmd, load, time.Since(start), phases, steps)
	fmt.Print(rep)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(rep), 0o644)
	}
	return nil
}

func seedAndWait(o options, s *spawned) error {
	fmt.Fprintf(os.Stderr, "loadgen: seeding %d notes…\n", o.seed)
	if err := seed(apiOf(o), authOf(o), o.seed-s.seeded()); err != nil {
		return err
	}
	if err := s.waitReady(15 * time.Minute); err != nil {
		return err
	}
	return s.markSeeded(o.seed)
}

// findBreakingPoint steps the search rate up from half the given one, by
// a quarter of it, until a step sheds searches or their p99 passes 250 ms
// (at most 12 steps); the uploads keep their rate.
func findBreakingPoint(o options) []*phase {
	var steps []*phase
	step := max(o.searchRate/4, 1)
	for i := 0; i < 12; i++ {
		so := o
		so.searchRate = o.searchRate/2 + i*step
		p := runPhase(so, fmt.Sprintf("%d searches/s", so.searchRate), 1, o.stepDuration, false)
		steps = append(steps, p)
		if p.search.shed > 0 || p.search.otherErrors > 0 || pct(p.search.ok, 0.99) > 250*time.Millisecond {
			break
		}
	}
	return steps
}

func apiOf(o options) string {
	return strings.TrimRight(o.base, "/") + "/api/v1/projects/" + url.PathEscape(o.project)
}

func authOf(o options) http.Header { return http.Header{"Authorization": {"Bearer " + o.token}} }

func loopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	ip := net.ParseIP(u.Hostname())
	if u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address: loadgen only loads this machine", base)
}

// commandLine is this run's command as the report shows it (without a token).
func commandLine() string {
	var args []string
	skip := false
	for _, a := range os.Args[1:] {
		if skip {
			skip = false
			continue
		}
		if a == "--token" || a == "-token" {
			skip = true
			continue
		}
		if strings.HasPrefix(a, "--token=") || strings.HasPrefix(a, "-token=") {
			continue
		}
		args = append(args, a)
	}
	return "go run ./tools/loadgen " + strings.Join(args, " ")
}
