package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"mime/multipart"
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

// phase is one load at fixed rates and what it measured.
type phase struct {
	name                   string
	searchRate, uploadRate int
	hog                    bool
	took                   time.Duration
	load                   string // load average when it began
	search, upload         *class
	lags                   []time.Duration
	lost                   int // acknowledged uploads search never found
}

// class collects one kind of request's results.
type class struct {
	mu          sync.Mutex
	requests    int
	ok          []time.Duration // answered 2xx
	refused     []time.Duration // answered 503: how fast the client was told
	shed        int
	otherErrors int
	codes       map[uint16]int
}

func (c *class) add(r *vegeta.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codes == nil {
		c.codes = map[uint16]int{}
	}
	c.requests++
	c.codes[r.Code]++
	switch {
	case r.Code >= 200 && r.Code < 300:
		c.ok = append(c.ok, r.Latency)
	case r.Code == http.StatusServiceUnavailable:
		c.shed++
		c.refused = append(c.refused, r.Latency)
	default:
		c.otherErrors++
	}
}

func (c *class) done() {
	sortDurations(c.ok)
	sortDurations(c.refused)
}

func runPhase(o options, name string, mult float64, d time.Duration, hog bool) *phase {
	p := &phase{name: name, hog: hog, load: loadAvg(), search: &class{}, upload: &class{},
		searchRate: int(math.Round(float64(o.searchRate) * mult)), uploadRate: int(math.Round(float64(o.uploadRate) * mult))}
	fmt.Fprintf(os.Stderr, "loadgen: %s: %d searches/s + %d uploads/s for %s (load %s)\n", name, p.searchRate, p.uploadRate, d, p.load)
	if hog {
		stop := startHog(o.nice)
		defer stop()
	}
	api, hdr := apiOf(o), authOf(o)
	lags := &lagProbe{api: api, hdr: hdr}
	atk := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.MaxWorkers(4000), vegeta.KeepAlive(true))
	start := time.Now()
	var wg sync.WaitGroup
	collect := func(ch <-chan *vegeta.Result, c *class, probe bool) {
		defer wg.Done()
		for r := range ch {
			c.add(r)
			if probe && r.Code == http.StatusCreated {
				if u, err := url.Parse(r.URL); err == nil && u.Query().Get("probe") != "" {
					lags.watch(u.Query().Get("probe"), r.Timestamp.Add(r.Latency))
				}
			}
		}
		c.done()
	}
	wg.Add(2)
	if p.searchRate > 0 {
		go collect(atk.Attack(searchTargets(api, hdr), vegeta.Rate{Freq: p.searchRate, Per: time.Second}, d, "search"), p.search, false)
	} else {
		wg.Done()
	}
	if p.uploadRate > 0 {
		go collect(atk.Attack(uploadTargets(api, hdr, p.uploadRate), vegeta.Rate{Freq: p.uploadRate, Per: time.Second}, d, "upload"), p.upload, true)
	} else {
		wg.Done()
	}
	wg.Wait()
	p.lags, p.lost = lags.wait(60 * time.Second)
	p.took = time.Since(start)
	return p
}

var words = []string{"borger", "hjælp", "tryghed", "ensomhed", "familie", "medicin", "hverdag", "kommune", "mad", "hjemmehjælp",
	"bolig", "arbejde", "sundhed", "træning", "naboer", "aften", "telefon", "lægen", "venner", "penge"}

// searchTargets cycles through one- and two-word queries.
func searchTargets(api string, hdr http.Header) vegeta.Targeter {
	var i atomic.Uint64
	return func(t *vegeta.Target) error {
		n := i.Add(1)
		q := words[n%uint64(len(words))]
		if n%3 == 0 {
			q += " " + words[(n/3)%uint64(len(words))]
		}
		*t = vegeta.Target{Method: "GET", URL: api + "/search?limit=10&q=" + url.QueryEscape(q), Header: hdr}
		return nil
	}
}

// uploadTargets uploads 20-note files; about one a second carries a marker
// word (in the file and in the URL, which the server ignores) that the lag
// probe follows from the upload's acknowledgement until search finds it.
func uploadTargets(api string, hdr http.Header, rate int) vegeta.Targeter {
	var uploads atomic.Uint64
	return func(t *vegeta.Target) error {
		n := uploads.Add(1)
		marker, u := "", api+"/sources"
		if n%uint64(max(rate, 1)) == 0 {
			marker = fmt.Sprintf("lagprobe%dx%d", time.Now().UnixNano(), n)
			u += "?probe=" + marker
		}
		body, ctype := file(int64(n)+time.Now().UnixNano(), 20, marker, "")
		*t = vegeta.Target{Method: "POST", URL: u, Body: body, Header: http.Header{"Authorization": hdr["Authorization"], "Content-Type": {ctype}}}
		return nil
	}
}

// file is a generated interview of n notes as a multipart upload body,
// held on date (YYYY-MM-DD; empty: the day of the upload).
func file(seed int64, n int, marker, date string) ([]byte, string) {
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
	if date != "" {
		_ = mw.WriteField("date", date)
	}
	w, _ := mw.CreateFormFile("file", fmt.Sprintf("load-%d-%d.txt", seed, rand.Int64()))
	_, _ = io.WriteString(w, text.String())
	_ = mw.Close()
	return body.Bytes(), mw.FormDataContentType()
}

// seedSpan is how far back the seed's interviews go: a project's notes are
// gathered over months, not in one day, and the search path bounds its work
// on frequent words by the notes' dates (search/window.go).
const seedSpan = 2 * 365 * 24 * time.Hour

func seed(api string, hdr http.Header, notes int) error {
	start := time.Now().Add(-seedSpan)
	for done := 0; done < notes; done += 500 {
		day := start.Add(time.Duration(float64(seedSpan) * float64(done) / float64(notes))).Format(time.DateOnly)
		body, ctype := file(int64(1_000_000+done)+time.Now().UnixNano(), 500, "", day)
		req, _ := http.NewRequest("POST", api+"/sources", bytes.NewReader(body))
		req.Header = hdr.Clone()
		req.Header.Set("Content-Type", ctype)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusServiceUnavailable {
			time.Sleep(time.Second)
			done -= 500 // shed: send the same amount again
			continue
		}
		if res.StatusCode >= 300 {
			return fmt.Errorf("seed: upload answered %d", res.StatusCode)
		}
	}
	return nil
}

// lagProbe follows acknowledged uploads until a search finds their marker.
type lagProbe struct {
	api  string
	hdr  http.Header
	wg   sync.WaitGroup
	mu   sync.Mutex
	lags []time.Duration
	lost int
}

func (p *lagProbe) watch(marker string, acked time.Time) {
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
			time.Sleep(50 * time.Millisecond)
		}
		p.mu.Lock()
		p.lost++
		p.mu.Unlock()
	}()
}

func (p *lagProbe) found(ctx context.Context, marker string) bool {
	req, _ := http.NewRequestWithContext(ctx, "GET", p.api+"/search?limit=1&facets=false&q="+marker, nil)
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

func (p *lagProbe) wait(max time.Duration) ([]time.Duration, int) {
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(max):
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]time.Duration(nil), p.lags...)
	sortDurations(out)
	return out, p.lost
}

// startHog starts another process that keeps every core busy, as a
// neighbour on the machine would, as nice as the server, and returns the
// function that ends it.
func startHog(nice int) func() {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: no hog:", err)
		return func() {}
	}
	cmd := niced(nice, self, "--burn")
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: no hog:", err)
		return func() {}
	}
	return func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
}

// burn spins on every core until the process is killed.
func burn() {
	for range runtime.NumCPU() {
		go func() {
			x := 0
			for {
				x++
			}
		}()
	}
	select {}
}

func sortDurations(ds []time.Duration) { sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] }) }
