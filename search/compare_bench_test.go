package search_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"indsigt/internal/barebleve"
	"indsigt/internal/corpora"
	"indsigt/search"
	"indsigt/search/corpusgen"
)

// The side-by-side benchmark (issue 14): the same question answered by
// bare Bleve, written by hand, and by Index.Search, on the same 20,000
// notes of real Danish sentences, in one run and interleaved so that load
// from other processes hits both alike. Run it with
//
//	go test -run '^$' -bench SideBySide -benchtime 2000x ./search/
//
// It reports p50 and p95 of each and their ratios; it asserts no timing.

const sideNotes = 20000

type sideBySide struct {
	dir   string
	bare  bleve.Index
	ix    *search.Index
	words []string
}

// realNotes returns n notes: metadata from corpusgen (sources, dates, tags,
// kinds, speakers), text of two or three real Danish sentences each.
func realNotes(b *testing.B, n int) []search.NoteDoc {
	return corpusgen.WithSentences(benchSeed, n, corpusgen.Options{Projects: []string{benchTopic}}, corpora.Sentences(b))
}

func buildSide(b *testing.B) *sideBySide {
	sideMu.Lock()
	defer sideMu.Unlock()
	if sideBuilt != nil {
		return sideBuilt
	}
	docs := realNotes(b, sideNotes)
	dir, err := os.MkdirTemp("", "indsigt-side-")
	if err != nil {
		b.Fatal(err)
	}
	bare, err := bleve.NewUsing(filepath.Join(dir, "bare"), barebleve.Mapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	ix, err := search.Open(filepath.Join(dir, "index"))
	if err != nil {
		b.Fatal(err)
	}
	for c := range slices.Chunk(docs, batchSize) {
		batch := bare.NewBatch()
		for _, d := range c {
			if err := batch.Index(d.ID, barebleve.Doc(d)); err != nil {
				b.Fatal(err)
			}
		}
		if err := bare.Batch(batch); err != nil {
			b.Fatal(err)
		}
		if err := ix.Apply(c, nil, []byte("bench")); err != nil {
			b.Fatal(err)
		}
	}
	barebleve.Settle(bare, time.Minute)
	barebleve.Settle(ix.BleveForTest(benchTopic), time.Minute)
	words := barebleve.QueryWords(docs, 12)
	sideBuilt = &sideBySide{dir: dir, bare: bare, ix: ix, words: words}
	fmt.Fprintf(os.Stderr, "side by side: %d notes; words %v\n", len(docs), sideBuilt.words)
	return sideBuilt
}

var (
	sideMu    sync.Mutex
	sideBuilt *sideBySide
)

func BenchmarkSideBySide(b *testing.B) {
	for _, order := range []string{search.SortRelevance, search.SortDateDesc} {
		b.Run("sort="+order, func(b *testing.B) {
			s := buildSide(b)
			bare := make([]time.Duration, 0, b.N)
			ours := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				w := s.words[i%len(s.words)]
				// Alternate which goes first, so neither always runs on a
				// warmer cache.
				runs := []func(){
					func() {
						start := time.Now()
						res, err := s.bare.Search(barebleve.Request(benchTopic, w, order == search.SortDateDesc))
						bare = append(bare, time.Since(start))
						if err != nil || res.Total == 0 {
							b.Fatalf("bare %q: %v %v", w, res, err)
						}
					},
					func() {
						start := time.Now()
						res, err := s.ix.Search(benchTopic, search.Request{Query: w, Limit: 10, Sort: order, Facets: true, FacetNames: []string{"tags", "source_kind"}})
						ours = append(ours, time.Since(start))
						if err != nil || res.Total == 0 {
							b.Fatalf("indsigt %q: %v %v", w, res, err)
						}
					},
				}
				if i%2 == 1 {
					runs[0], runs[1] = runs[1], runs[0]
				}
				runs[0]()
				runs[1]()
			}
			b.StopTimer()
			bp50, bp95 := percentiles(bare)
			op50, op95 := percentiles(ours)
			b.ReportMetric(bp50, "bare-p50-ms")
			b.ReportMetric(bp95, "bare-p95-ms")
			b.ReportMetric(op50, "indsigt-p50-ms")
			b.ReportMetric(op95, "indsigt-p95-ms")
			b.ReportMetric(op95/bp95, "p95-ratio")
			b.ReportMetric(op50/bp50, "p50-ratio")
		})
	}
}

func percentiles(d []time.Duration) (p50, p95 float64) {
	d = slices.Clone(d)
	slices.Sort(d)
	at := func(p int) float64 { return float64(d[(len(d)-1)*p/100].Microseconds()) / 1000 }
	return at(50), at(95)
}
