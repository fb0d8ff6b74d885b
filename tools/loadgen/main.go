// Command loadgen drives a running indsigt server on this machine with an
// open-loop load: searches and uploads at fixed rates (vegeta's pacer, so a
// slow server does not slow the load down), and measures what users feel:
// latency per class, errors, requests shed with 503, and the indexer lag
// from an acknowledged upload to the moment search finds it. It refuses
// any address but loopback and stops at its duration.
//
//	go run ./tools/loadgen --url http://127.0.0.1:8080 --token T --project P \
//	    --seed 100000 --search-rate 100 --upload-rate 10 --duration 3m --out docs/load.md
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"indsigt/search/corpusgen"
)

type options struct {
	base, token, project, out string
	seed                      int
	searchRate, uploadRate    int
	duration                  time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.base, "url", "http://127.0.0.1:8080", "the server (loopback only)")
	flag.StringVar(&o.token, "token", os.Getenv("INDSIGT_TOKEN"), "an API token of a designer in the project")
	flag.StringVar(&o.project, "project", "", "the project's slug")
	flag.IntVar(&o.seed, "seed", 0, "first upload this many generated notes (in files of 500)")
	flag.IntVar(&o.searchRate, "search-rate", 100, "searches per second")
	flag.IntVar(&o.uploadRate, "upload-rate", 10, "uploads per second (one 20-note file each)")
	flag.DurationVar(&o.duration, "duration", time.Minute, "how long the load runs (at most 10m)")
	flag.StringVar(&o.out, "out", "", "write the Markdown report here as well as to stdout")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if err := loopback(o.base); err != nil {
		return err
	}
	if o.token == "" || o.project == "" {
		return errors.New("--token and --project are required")
	}
	if o.duration <= 0 || o.duration > 10*time.Minute {
		return errors.New("--duration must be between 0 and 10m")
	}
	api := strings.TrimRight(o.base, "/") + "/api/v1/projects/" + url.PathEscape(o.project)
	hdr := http.Header{"Authorization": {"Bearer " + o.token}}
	if o.seed > 0 {
		if err := seed(api, hdr, o.seed); err != nil {
			return err
		}
	}
	queries := searchTargets(api, hdr)
	var uploads atomic.Uint64
	lags := &lagProbe{api: api, hdr: hdr}
	uploadTargeter := func(t *vegeta.Target) error {
		n := uploads.Add(1)
		marker := fmt.Sprintf("lagprobe%dx%d", time.Now().UnixNano(), n)
		body, ctype := file(int64(n), 20, marker)
		*t = vegeta.Target{Method: "POST", URL: api + "/sources", Body: body, Header: http.Header{"Authorization": hdr["Authorization"], "Content-Type": {ctype}}}
		if n%10 == 0 {
			lags.watch(marker) // every tenth upload is followed until search finds it
		}
		return nil
	}
	atk := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.MaxWorkers(2000), vegeta.KeepAlive(true))
	start := time.Now()
	load := loadAvg()
	var wg sync.WaitGroup
	var sm, um vegeta.Metrics
	var sCodes, uCodes codes
	collect := func(ch <-chan *vegeta.Result, m *vegeta.Metrics, c *codes) {
		defer wg.Done()
		for r := range ch {
			m.Add(r)
			c.add(r)
		}
		m.Close()
	}
	wg.Add(2)
	go collect(atk.Attack(queries, vegeta.Rate{Freq: o.searchRate, Per: time.Second}, o.duration, "search"), &sm, &sCodes)
	go collect(atk.Attack(uploadTargeter, vegeta.Rate{Freq: o.uploadRate, Per: time.Second}, o.duration, "upload"), &um, &uCodes)
	wg.Wait()
	lagP := lags.wait(30 * time.Second)
	rep := report(o, time.Since(start), load, &sm, &um, &sCodes, &uCodes, lagP)
	fmt.Print(rep)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(rep), 0o644)
	}
	return nil
}

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

var words = []string{"borger", "hjælp", "tryghed", "ensomhed", "familie", "medicin", "hverdag", "kommune", "mad", "hjemmehjælp",
	"bolig", "arbejde", "sundhed", "træning", "naboer", "aften", "telefon", "lægen", "venner", "penge"}

// searchTargets cycles through one- and two-word queries, some faceted.
func searchTargets(api string, hdr http.Header) vegeta.Targeter {
	var i atomic.Uint64
	return func(t *vegeta.Target) error {
		n := i.Add(1)
		q := words[n%uint64(len(words))]
		if n%3 == 0 {
			q += " " + words[(n/3)%uint64(len(words))]
		}
		u := api + "/search?limit=10&q=" + url.QueryEscape(q)
		*t = vegeta.Target{Method: "GET", URL: u, Header: hdr}
		return nil
	}
}

// file is a generated interview of n notes as a multipart upload body.
func file(seed int64, n int, marker string) ([]byte, string) {
	var text strings.Builder
	for i, d := range corpusgen.Generate(seed, n) {
		if i == 0 && marker != "" {
			text.WriteString(marker + " ")
		}
		text.WriteString(d.Text)
		text.WriteString("\n\n")
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", fmt.Sprintf("load-%d-%d.txt", seed, rand.Int64()))
	_, _ = io.WriteString(w, text.String())
	_ = mw.Close()
	return body.Bytes(), mw.FormDataContentType()
}

func seed(api string, hdr http.Header, notes int) error {
	for done := 0; done < notes; done += 500 {
		body, ctype := file(int64(1_000_000+done), 500, "")
		req, _ := http.NewRequest("POST", api+"/sources", bytes.NewReader(body))
		req.Header = hdr.Clone()
		req.Header.Set("Content-Type", ctype)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode >= 300 {
			return fmt.Errorf("seed: upload answered %d", res.StatusCode)
		}
	}
	return nil
}

type codes struct {
	mu sync.Mutex
	n  map[uint16]int
}

func (c *codes) add(r *vegeta.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[uint16]int{}
	}
	c.n[r.Code]++
}

func (c *codes) String() string {
	var ks []int
	for k := range c.n {
		ks = append(ks, int(k))
	}
	sort.Ints(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%d: %d", k, c.n[uint16(k)]))
	}
	return strings.Join(parts, ", ")
}

// lagProbe follows uploads until a search finds their marker word.
type lagProbe struct {
	api  string
	hdr  http.Header
	wg   sync.WaitGroup
	mu   sync.Mutex
	lags []time.Duration
	lost int
}

func (p *lagProbe) watch(marker string) {
	acked := time.Now() // the upload is sent now; its answer comes within the lag measured
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		for ctx.Err() == nil {
			if p.found(ctx, marker) {
				p.mu.Lock()
				p.lags = append(p.lags, time.Since(acked))
				p.mu.Unlock()
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		p.mu.Lock()
		p.lost++
		p.mu.Unlock()
	}()
}

func (p *lagProbe) found(ctx context.Context, marker string) bool {
	req, _ := http.NewRequestWithContext(ctx, "GET", p.api+"/search?limit=1&q="+marker, nil)
	req.Header = p.hdr
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	var ans struct {
		Total int `json:"total"`
	}
	return res.StatusCode == 200 && json.NewDecoder(res.Body).Decode(&ans) == nil && ans.Total > 0
}

func (p *lagProbe) wait(max time.Duration) []time.Duration {
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(max):
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]time.Duration(nil), p.lags...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
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

func report(o options, took time.Duration, load string, sm, um *vegeta.Metrics, sc, uc *codes, lags []time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Load run\n\nMachine: %d cores, %s; load average before the run %s; %s.\n\n", runtime.NumCPU(), memTotal(), load, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "Command: `go run ./tools/loadgen --seed %d --search-rate %d --upload-rate %d --duration %s` (took %s).\n\n", o.seed, o.searchRate, o.uploadRate, o.duration, took.Round(time.Second))
	fmt.Fprintf(&b, "| class | requests | rate/s | success | p50 ms | p95 ms | p99 ms | max ms | status codes |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, row := range []struct {
		name string
		m    *vegeta.Metrics
		c    *codes
	}{{"search", sm, sc}, {"upload", um, uc}} {
		l := row.m.Latencies
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.1f %% | %s | %s | %s | %s | %s |\n", row.name, row.m.Requests, row.m.Rate, 100*row.m.Success,
			ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max), row.c.String())
	}
	fmt.Fprintf(&b, "\nIndexer lag (upload sent → found by search), %d samples: p50 %s ms, p99 %s ms, max %s ms.\n",
		len(lags), ms(pct(lags, 0.5)), ms(pct(lags, 0.99)), ms(pct(lags, 1)))
	fmt.Fprintf(&b, "\nRuns under a loaded machine measure that machine: compare ratios between runs, not absolutes.\n")
	return b.String()
}
