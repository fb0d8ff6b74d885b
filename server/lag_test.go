package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
)

// The lag controller on a real store and index: changes the index has not
// applied bring the cap down and a catch-up brings it back; a rebuild while
// notes keep arriving leaves it at the maximum, with every search answered
// from a whole index (the old one, or the new one once swapped in) or
// refused; and the changes made during the rebuild are lag again after it.
func TestFollowLagOnARealIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		e := newLagEnv(t, ctx, s)
		// No catch-up runs but the test's: a note written waits.
		e.addNotes(t, 1, "")
		waitFor(t, func() bool { return e.gate.lagCapNow() == 1 }, "the cap to fall to 1 while a change waits")
		if err := e.x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		waitFor(t, func() bool { return e.gate.lagCapNow() == lagMax }, "the cap to grow back once caught up")

		r := e.rebuildUnderLoad(t, ctx)
		if r.writes == 0 || r.after < 10*lagBound {
			// Then the controller had no lag to react to: seed more notes.
			t.Fatalf("the rebuild ran %v after its first write (%d writes): too short to tell", r.after, r.writes)
		}
		if r.minCap != lagMax {
			t.Errorf("during the rebuild the cap fell to %d, want %d", r.minCap, lagMax)
		}
		if !r.exported {
			t.Error("/metrics did not show the rebuild")
		}
		if r.answered == 0 {
			t.Error("no search was answered during the rebuild")
		}
		for _, bad := range r.bad {
			t.Error(bad)
		}

		// What arrived during the rebuild is the catch-up's lag (one more
		// note makes sure that something waits).
		e.addNotes(t, 1, "")
		waitFor(t, func() bool { return e.gate.lagCapNow() == 1 }, "the cap to fall after the rebuild while its changes wait")
		if err := e.x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		waitFor(t, func() bool { return e.gate.lagCapNow() == lagMax }, "the cap to grow back after the catch-up")
		if got := e.total(t); got != lagMarked {
			t.Errorf("after the catch-up %d marked notes found, want %d", got, lagMarked)
		}
		e.exports(t, fmt.Sprintf(`indsigt_http_class_lag_cap{class="search"} %d`, lagMax), "indsigt_search_index_rebuilding 0")
	})
}

const (
	lagMax   = 8
	lagBound = 20 * time.Millisecond
	// lagNotes are seeded so that a rebuild, under -race, takes seconds;
	// every lagNotes/lagMarked-th one carries the marker.
	lagNotes  = 2000
	lagMarked = 40
	marker    = "lagmarkør"
)

type lagEnv struct {
	s       *store.Store
	x       *search.Indexer
	a       *app.App
	scope   app.Scope
	project model.Project
	gate    *gate
	base    string // the server
	url     string // a search for the marker
	sources atomic.Int64
}

// newLagEnv seeds a project, indexes it, and serves its searches through a
// gate that FollowLag controls.
func newLagEnv(t *testing.T, ctx context.Context, s *store.Store) *lagEnv {
	t.Helper()
	e := &lagEnv{s: s, project: storetest.Project(t, s, "lag", "Lag")}
	for i := 0; i < lagNotes; i += 500 {
		e.addNotes(t, 500, marker)
	}
	e.x = search.NewIndexer(s, filepath.Join(t.TempDir(), "index"), slog.New(slog.DiscardHandler))
	if err := e.x.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.x.Close() })
	if err := e.x.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	e.a = app.New(app.Deps{Store: s, Indexer: e.x})
	var err error
	if e.scope, err = e.a.Enter(ctx, app.Operator(), e.project.Slug); err != nil {
		t.Fatal(err)
	}
	sh := New(Deps{})
	sh.Engine.GET("/search", e.search)
	sh.Bound("search", Limits{Max: lagMax, Wait: time.Second}, "GET /search")
	srv := httptest.NewServer(sh.Handler())
	t.Cleanup(srv.Close)
	e.base, e.url, e.gate = srv.URL, srv.URL+"/search?q="+marker, sh.gates()["search"]
	go sh.FollowLag(ctx, IndexLag(s, e.x), LagControl{Bound: lagBound, Tick: 2 * time.Millisecond})
	if got := e.total(t); got != lagMarked {
		t.Fatalf("%d marked notes found, want %d", got, lagMarked)
	}
	return e
}

func (e *lagEnv) search(c *gin.Context) {
	res, err := e.a.Search(c.Request.Context(), e.scope, search.Request{Query: c.Query("q")})
	if err != nil {
		status, code := Classify(err)
		Fail(c, status, code, "", Message(err))
		return
	}
	c.JSON(http.StatusOK, gin.H{"total": res.Total, "at_least": res.TotalAtLeast})
}

func (e *lagEnv) addNotes(t *testing.T, n int, mark string) {
	t.Helper()
	if err := e.write(n, mark); err != nil {
		t.Fatal(err)
	}
}

// write adds n generated notes in one source; when mark is set, one in
// lagNotes/lagMarked of them also holds it.
func (e *lagEnv) write(n int, mark string) error {
	src := e.sources.Add(1)
	return e.s.InTx(context.Background(), func(tx *store.Tx) error {
		s, err := tx.CreateSource(context.Background(), model.Source{
			ProjectID: e.project.ID, Kind: model.SourceKind("interview"), Format: "txt",
			Title: fmt.Sprintf("Samtale %d", src), ContentHash: fmt.Sprintf("lag:%d", src),
		})
		if err != nil {
			return err
		}
		var notes []*model.Note
		for i, d := range corpusgen.Generate(src, n) {
			text := d.Text
			if mark != "" && i%(lagNotes/lagMarked) == 0 {
				text += " " + mark
			}
			notes = append(notes, &model.Note{ProjectID: e.project.ID, SourceID: s.ID, Position: i, Text: text, Speaker: d.Participant})
		}
		return tx.AddNotes(context.Background(), notes)
	})
}

// exports fails unless /metrics holds every line.
func (e *lagEnv) exports(t *testing.T, lines ...string) {
	t.Helper()
	m := e.metrics()
	for _, l := range lines {
		if !strings.Contains(m, "\n"+l+"\n") {
			t.Errorf("/metrics lacks %q", l)
		}
	}
}

func (e *lagEnv) metrics() string {
	res, err := http.Get(e.base + "/metrics")
	if err != nil {
		return err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// answer is one search: its status, and the total when it was 200.
type answer struct {
	status  int
	total   uint64
	atLeast bool
}

func (e *lagEnv) get() (answer, error) {
	res, err := http.Get(e.url)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	a := answer{status: res.StatusCode}
	if a.status == http.StatusOK {
		var body struct {
			Total   uint64 `json:"total"`
			AtLeast bool   `json:"at_least"`
		}
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
			return a, err
		}
		a.total, a.atLeast = body.Total, body.AtLeast
	}
	return a, nil
}

func (e *lagEnv) total(t *testing.T) uint64 {
	t.Helper()
	a, err := e.get()
	if err != nil || a.status != http.StatusOK {
		t.Fatalf("search: %d %v", a.status, err)
	}
	return a.total
}

// rebuilt is what happened while the index was rebuilt.
type rebuilt struct {
	writes   int           // notes written while it ran
	after    time.Duration // from the first of them to its end
	minCap   int           // the lowest cap seen while it ran
	exported bool          // indsigt_search_index_rebuilding was 1
	answered int           // searches answered 200
	bad      []string      // answers other than 200 with every marked note, or 503
}

// rebuildUnderLoad rebuilds the index while one goroutine writes notes
// (without the marker), two search, and one watches the cap.
func (e *lagEnv) rebuildUnderLoad(t *testing.T, ctx context.Context) rebuilt {
	t.Helper()
	r := rebuilt{minCap: lagMax}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first time.Time
	var bad []string
	// Each loop runs step until stop; they pause between steps.
	loop := func(step func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(2 * time.Millisecond):
					step()
				}
			}
		}()
	}
	loop(func() {
		if !e.x.Rebuilding() {
			return
		}
		err := e.write(1, "")
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			bad = append(bad, fmt.Sprintf("write: %v", err))
			return
		}
		if r.writes++; first.IsZero() {
			first = time.Now()
		}
	})
	loop(func() {
		c := e.gate.lagCapNow()
		if !e.x.Rebuilding() {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		r.minCap = min(r.minCap, c)
		if !r.exported {
			r.exported = strings.Contains(e.metrics(), "\nindsigt_search_index_rebuilding 1\n")
		}
	})
	for range 2 {
		loop(func() {
			a, err := e.get()
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				bad = append(bad, fmt.Sprintf("search: %v", err))
			case a.status == http.StatusServiceUnavailable:
			case a.status != http.StatusOK || a.total != lagMarked || a.atLeast:
				bad = append(bad, fmt.Sprintf("search answered %d with %d notes (at least: %v), want %d", a.status, a.total, a.atLeast, lagMarked))
			default:
				r.answered++
			}
		})
	}
	err := e.x.Rebuild(ctx)
	end := time.Now()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if !first.IsZero() {
		r.after = end.Sub(first)
	}
	r.bad = bad
	if len(r.bad) > 5 {
		r.bad = append(r.bad[:5], fmt.Sprintf("… and %d more", len(bad)-5))
	}
	return r
}
