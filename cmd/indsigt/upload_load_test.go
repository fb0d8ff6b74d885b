package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"indsigt/internal/testkit"
	"indsigt/store"
	"indsigt/store/storetest"
)

// BenchmarkSearchDuringLongUploadPostgres measures search latency in a
// project of a real server on PostgreSQL, first alone, then while one
// upload of a 50,000-note file (the largest a file may be; seconds to tens
// of seconds in one transaction holding the project's lock) goes into the
// same project. The ratios of the medians and of the p99s are the result
// (the bound: 2×); absolutes depend on the machine.
//
//	go test ./cmd/indsigt -run XXX -bench SearchDuringLongUpload -benchtime 1x
func BenchmarkSearchDuringLongUploadPostgres(b *testing.B) {
	if len(storetest.Dialects()) < 2 {
		b.Skipf("%s is not set", storetest.EnvURL)
	}
	db, data := storetest.DSN(b, store.Postgres), b.TempDir()
	tok := benchSetup(b, db, data)
	url := benchServer(b, db, data)
	for i := 0; i < 4; i++ {
		benchUpload(b, url, tok, fmt.Sprintf("grund-%d.txt", i), notesText(fmt.Sprintf("grund%s", letters(i)), 500))
	}
	big := notesText("lang", 50000)
	for b.Loop() {
		alone := searchLatencies(b, url, tok, func() bool { return false }, 60)
		done := make(chan time.Duration, 1)
		go func() {
			start := time.Now()
			benchUpload(b, url, tok, fmt.Sprintf("lang-%d.txt", time.Now().UnixNano()), big)
			done <- time.Since(start)
		}()
		var took time.Duration
		finished := func() bool {
			select {
			case took = <-done:
				return true
			default:
				return false
			}
		}
		during := searchLatencies(b, url, tok, finished, 0)
		if took == 0 {
			took = <-done
		}
		b.ReportMetric(took.Seconds(), "upload-s")
		b.ReportMetric(ms(q(alone, 0.5)), "alone-p50-ms")
		b.ReportMetric(ms(q(during, 0.5)), "during-p50-ms")
		b.ReportMetric(ms(q(during, 0.5))/ms(q(alone, 0.5)), "p50-ratio")
		b.ReportMetric(ms(q(during, 0.99))/ms(q(alone, 0.99)), "p99-ratio")
		b.ReportMetric(float64(len(during)), "searches-during")
	}
}

// searchLatencies searches one after another until stop says so (or n
// searches, when n > 0) and returns the latencies, sorted.
func searchLatencies(b *testing.B, url, tok string, stop func() bool, n int) []time.Duration {
	var out []time.Duration
	for (n == 0 || len(out) < n) && !stop() {
		start := time.Now()
		if code, _ := testkit.Call(b, "GET", url+"/api/v1/projects/crash/search?q=hverdag&limit=10", tok, nil); code != 200 {
			b.Fatalf("search: %d", code)
		}
		out = append(out, time.Since(start))
		time.Sleep(20 * time.Millisecond)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func q(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[int(p*float64(len(ds)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func benchUpload(b *testing.B, url, tok, name, text string) {
	u, _, err := uploadTo(url, "crash", tok, name, text)
	if err != nil || u.code != http.StatusCreated {
		b.Errorf("upload %s: %d %v", name, u.code, err)
	}
}

func benchSetup(b *testing.B, db, data string) string {
	run := func(args ...string) string {
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL="+db)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("%s: %v", args[0], err)
		}
		return string(out)
	}
	run("user", "add", "--email", "crash@kolding.dk", "--name", "Crash Østergaard", "--role", "designer")
	tok := strings.TrimSpace(run("token", "create", "--email", "crash@kolding.dk"))
	run("project", "create", "--slug", "crash", "--name", "Crash", "--owner", "crash@kolding.dk")
	return tok
}

// benchServer starts `indsigt serve` for a benchmark and waits until it is ready.
func benchServer(b *testing.B, db, data string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, "serve", "--addr", addr)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL="+db)
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	url := "http://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if res, err := http.Get(url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return url
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatal("server did not become ready")
	return ""
}
