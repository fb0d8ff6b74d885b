package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

func report(o options, cmd, load string, took time.Duration, phases, steps []*phase) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Load run\n\nMachine: %d cores, %s; load average before the run %s; %s.\n\n", runtime.NumCPU(), memTotal(), load, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "Command: `%s` (took %s). Seed: %d notes.\n\n", cmd, took.Round(time.Second), o.seed)
	fmt.Fprintf(&b, "Latencies of answered requests (2xx); `503` are requests refused by the server's shedding, with the time it took to tell the client.\n\n")
	fmt.Fprintf(&b, "| load | class | rate/s | requests | answered | p50 ms | p99 ms | max ms | 503 | 503 p50 ms | 503 p99 ms | other errors | index lag p50 / p99 / max ms | lost | load avg |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range phases {
		row(&b, p)
	}
	if len(steps) > 0 {
		fmt.Fprintf(&b, "\nBreaking point (search rate stepped up, %s each, uploads at %d/s):\n\n", o.stepDuration, o.uploadRate)
		fmt.Fprintf(&b, "| load | class | rate/s | requests | answered | p50 ms | p99 ms | max ms | 503 | 503 p50 ms | 503 p99 ms | other errors | index lag p50 / p99 / max ms | lost | load avg |\n")
		fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, p := range steps {
			row(&b, p)
		}
		last := steps[len(steps)-1]
		if len(steps) > 1 {
			fmt.Fprintf(&b, "\nThe last rate without shedding and with p99 ≤ 250 ms: %d searches/s; at %d/s searches were shed or slow.\n", steps[len(steps)-2].searchRate, last.searchRate)
		} else {
			fmt.Fprintf(&b, "\nAlready the first step (%d searches/s) shed searches or had p99 > 250 ms.\n", last.searchRate)
		}
	}
	fmt.Fprintf(&b, "\nRuns under a loaded machine measure that machine: compare ratios between runs, not absolutes.\n")
	return b.String()
}

func row(b *strings.Builder, p *phase) {
	for _, c := range []struct {
		name string
		rate int
		c    *class
	}{{"search", p.searchRate, p.search}, {"upload", p.uploadRate, p.upload}} {
		lag, lost := "", ""
		if c.name == "upload" {
			lag = fmt.Sprintf("%s / %s / %s (%d)", ms(pct(p.lags, 0.5)), ms(pct(p.lags, 0.99)), ms(pct(p.lags, 1)), len(p.lags))
			lost = fmt.Sprint(p.lost)
		}
		answered := "–"
		if c.c.requests > 0 {
			answered = fmt.Sprintf("%.1f %%", 100*float64(len(c.c.ok))/float64(c.c.requests))
		}
		fmt.Fprintf(b, "| %s | %s | %d | %d | %s | %s | %s | %s | %d | %s | %s | %d | %s | %s | %s |\n", p.name, c.name, c.rate, c.c.requests, answered,
			ms(pct(c.c.ok, 0.5)), ms(pct(c.c.ok, 0.99)), ms(pct(c.c.ok, 1)), c.c.shed, ms(pct(c.c.refused, 0.5)), ms(pct(c.c.refused, 0.99)),
			c.c.otherErrors, lag, lost, p.load)
	}
}

func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[int(q*float64(len(ds)-1))]
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
			var kb int
			fmt.Sscan(f[1], &kb)
			return fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
		}
	}
	return "?"
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
