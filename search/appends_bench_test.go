package search_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"indsigt/search"
	"indsigt/search/corpusgen"
)

// BenchmarkFacetsUnderAppends: issue 14's load in one loop: add a file of
// 20 notes, then search with facets, on one project of corpusSize() notes
// (INDSIGT_BENCH_NOTES=100000 for the issue's). Each step times the same
// search both ways, on the same index:
//   - full-ms: the search counts its facets with the hits (every value,
//     as the facet cache asks), as after every write before;
//   - delta-ms: the hits without facets plus the facets brought forward
//     from the previous step's by the 20 added notes (AppendedSince,
//     CountAdded, MergeFacets, TopFacets), as the app's cache does;
//   - count-ms: the delta's own part of that.
//
// The queries are words with many matches but fewer than BoundCandidates
// (no date window, so the counts are exact and may be brought forward);
// matches reports their mean. The brought-forward facets are checked
// against the full count every step.
func BenchmarkFacetsUnderAppends(b *testing.B) {
	const file = 20
	ai, err := appendIndex()
	if err != nil {
		b.Fatal(err)
	}
	if ai.next+file*b.N > len(ai.docs) {
		b.Fatalf("at most %d steps", (len(ai.docs)-ai.next)/file)
	}
	ix, docs := ai.ix, ai.docs
	ctx := context.Background()
	type cached struct {
		req    search.Request
		gen    uint64
		facets map[string][]search.FacetCount
		total  uint64
	}
	var qs []*cached
	var matches uint64
	for _, q := range []string{"borgeren", "hjemmehjælpen", "ensomhed", "medicin", "svømmehallen", "tryghed", "pårørende", "økonomi", "kommunen", "aftenen", "hverdagen", "naboen"} {
		r := search.Request{Query: q, Facets: true, AllFacetValues: true, Limit: 20}
		gen := ix.Generation(benchTopic)
		res, err := ix.Search(benchTopic, r)
		if err != nil {
			b.Fatal(err)
		}
		if res.TotalAtLeast || res.Fuzzy || res.Total < 1000 {
			continue
		}
		qs = append(qs, &cached{req: r, gen: gen, facets: res.Facets, total: res.Total})
		matches += res.Total
	}
	if len(qs) == 0 {
		b.Fatal("no query with an exact count of at least 1000 matches")
	}
	var full, delta, count time.Duration
	var ids, values int
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := ix.Apply(docs[ai.next:ai.next+file], nil, nil); err != nil {
			b.Fatal(err)
		}
		ai.next += file
		c := qs[i%len(qs)]
		b.StartTimer()

		start := time.Now()
		want, err := ix.Search(benchTopic, c.req)
		if err != nil {
			b.Fatal(err)
		}
		full += time.Since(start)

		start = time.Now()
		hits := c.req
		hits.Facets, hits.AllFacetValues = false, false
		if _, err := ix.Search(benchTopic, hits); err != nil {
			b.Fatal(err)
		}
		counted := time.Now()
		appended, now, ok := ix.AppendedSince(benchTopic, c.gen)
		if !ok {
			b.Fatal("appends not known")
		}
		added, total, err := ix.CountAdded(ctx, benchTopic, c.req, appended, nil)
		if err != nil {
			b.Fatal(err)
		}
		c.facets, c.total, c.gen = search.MergeFacets(c.facets, added), c.total+total, now
		_ = search.TopFacets(c.facets)
		count += time.Since(counted)
		delta += time.Since(start)

		b.StopTimer()
		ids += len(appended)
		for _, fs := range c.facets {
			values += len(fs)
		}
		if c.total != want.Total || !reflect.DeepEqual(c.facets, want.Facets) {
			b.Fatalf("step %d, %q: brought forward %d, counted %d", i, c.req.Query, c.total, want.Total)
		}
		b.StartTimer()
	}
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(per(full), "full-ms")
	b.ReportMetric(per(delta), "delta-ms")
	b.ReportMetric(per(count), "count-ms")
	b.ReportMetric(float64(matches)/float64(len(qs)), "matches")
	b.ReportMetric(float64(ids)/float64(b.N), "added-notes")
	b.ReportMetric(float64(values)/float64(b.N), "facet-values")
}

// appendBench is the index BenchmarkFacetsUnderAppends adds to, built once
// for all its runs, with the notes still to add.
type appendBench struct {
	dir  string
	ix   *search.Index
	docs []search.NoteDoc
	next int // the first note of docs not added yet
}

var appendBuilt *appendBench

// appendIndex builds the index of corpusSize() notes in project "1", with
// room for 4000 files of 20 notes more.
// It outlives a run's temporary directory; TestMain removes it.
func appendIndex() (*appendBench, error) {
	if appendBuilt != nil {
		return appendBuilt, nil
	}
	n := corpusSize()
	docs := corpusgen.GenerateWith(benchSeed, n+20*4000, corpusgen.Options{})
	dir, err := os.MkdirTemp("", "indsigt-appends-")
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(filepath.Join(dir, "index"))
	if err != nil {
		return nil, err
	}
	for i := 0; i < n; i += batchSize {
		if err := ix.Apply(docs[i:min(i+batchSize, n)], nil, nil); err != nil {
			_ = ix.Close()
			return nil, err
		}
	}
	appendBuilt = &appendBench{dir: dir, ix: ix, docs: docs, next: n}
	return appendBuilt, nil
}
