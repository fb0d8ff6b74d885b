package search_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"indsigt/internal/barebleve"
	"indsigt/search"
	"indsigt/search/corpusgen"
)

// The benchmark corpus size: -corpus N (after -args) or INDSIGT_BENCH_NOTES.
var corpusFlag = flag.Int("corpus", 0, "notes in the benchmark corpus (default 10000 or $INDSIGT_BENCH_NOTES)")

const (
	benchSeed  = 2026
	batchSize  = 1000
	benchTopic = "1" // the searched project, the largest generated one
)

func corpusSize() int {
	if *corpusFlag > 0 {
		return *corpusFlag
	}
	if n, err := strconv.Atoi(os.Getenv("INDSIGT_BENCH_NOTES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

func benchDocs(n int) []search.NoteDoc {
	return corpusgen.GenerateWith(benchSeed, n, corpusgen.Options{Projects: []string{"1", "2", "3"}})
}

// BenchmarkBareBatch is the floor: Bleve batches of 1000 with our mapping and
// nothing else.
func BenchmarkBareBatch(b *testing.B) {
	docs := benchDocs(corpusSize())
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		total += bareBuild(b, filepath.Join(b.TempDir(), "index"), docs)
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "notes/s")
}

// BenchmarkApply indexes the same notes through Index.Apply, checkpoint
// included, to show what the wrapper costs.
func BenchmarkApply(b *testing.B) {
	docs := benchDocs(corpusSize())
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		b.StopTimer()
		ix, err := search.Open(filepath.Join(b.TempDir(), "index"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		fillIndex(b, ix, docs)
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "notes/s")
}

func fillIndex(b *testing.B, ix *search.Index, docs []search.NoteDoc) {
	b.Helper()
	i := 0
	for chunk := range slices.Chunk(docs, batchSize) {
		i++
		if err := ix.Apply(chunk, nil, []byte(strconv.Itoa(i))); err != nil {
			b.Fatal(err)
		}
	}
}

// queryIndex is built once per process and shared by the query benchmarks.
type queryIndex struct {
	ix      *search.Index
	dir     string
	phrases []string
}

var sharedIndex = sync.OnceValues(func() (*queryIndex, error) {
	n := corpusSize()
	dir, err := os.MkdirTemp("", "indsigt-bench-")
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(filepath.Join(dir, "index"))
	if err != nil {
		return nil, err
	}
	docs := benchDocs(n)
	start := time.Now()
	for chunk := range slices.Chunk(docs, batchSize) {
		if err := ix.Apply(chunk, nil, []byte("bench")); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(os.Stderr, "bench index: %d notes in %v\n", n, time.Since(start).Round(time.Millisecond))
	for _, p := range ix.Projects() {
		barebleve.Settle(ix.BleveForTest(p), time.Minute)
	}
	qi := &queryIndex{ix: ix, dir: dir, phrases: samplePhrases(docs, 20)}
	builtIndex.Store(qi)
	return qi, nil
})

// builtIndex lets TestMain clean up without building the index when no
// benchmark asked for it.
var builtIndex atomic.Pointer[queryIndex]

// samplePhrases takes word pairs that occur in the searched project, so phrase
// queries have answers; short words are skipped as likely stop words.
func samplePhrases(docs []search.NoteDoc, n int) []string {
	var out []string
	for i := 0; len(out) < n && i < len(docs); i += 97 {
		if docs[i].ProjectID != benchTopic {
			continue
		}
		ws := strings.Fields(strings.ToLower(docs[i].Text))
		for j := 0; j+1 < len(ws); j++ {
			a, b := strings.Trim(ws[j], ",.:?"), strings.Trim(ws[j+1], ",.:?")
			if len([]rune(a)) >= 5 && len([]rune(b)) >= 5 && a+b == strings.Trim(ws[j]+ws[j+1], ",.:?") {
				out = append(out, `"`+a+" "+b+`"`)
				break
			}
		}
	}
	return out
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if shared := builtIndex.Load(); shared != nil {
		_ = shared.ix.Close()
		_ = os.RemoveAll(shared.dir)
	}
	if a := appendBuilt; a != nil {
		_ = a.ix.Close()
		_ = os.RemoveAll(a.dir)
	}
	if s := sideBuilt; s != nil {
		_ = s.bare.Close()
		_ = s.ix.Close()
		_ = os.RemoveAll(s.dir)
	}
	os.Exit(code)
}

func benchQueries(b *testing.B, queries []string, facets bool) {
	qi, err := sharedIndex()
	if err != nil {
		b.Fatal(err)
	}
	if len(queries) == 0 {
		queries = qi.phrases
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		res, err := qi.ix.Search(benchTopic, search.Request{Query: queries[i%len(queries)], Facets: facets})
		durations = append(durations, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if res.Total == 0 {
			b.Fatalf("query %q found nothing", queries[i%len(queries)])
		}
	}
	reportPercentiles(b, durations)
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	pct := func(p int) float64 { return float64(d[(len(d)-1)*p/100].Microseconds()) / 1000 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
}

var (
	termQueries   = []string{"borgeren", "hjemmehjælpen", "ensomhed", "medicin", "svømmehallen", "tryghed", "pårørende", "økonomi"}
	prefixQueries = []string{"borg*", "hjemme*", "træn*", "ensom*", "pårør*", "sund*"}
)

func BenchmarkQueryTerm(b *testing.B)    { benchQueries(b, termQueries, false) }
func BenchmarkQueryPhrase(b *testing.B)  { benchQueries(b, nil, false) }
func BenchmarkQueryPrefix(b *testing.B)  { benchQueries(b, prefixQueries, false) }
func BenchmarkQueryFaceted(b *testing.B) { benchQueries(b, termQueries, true) }
func BenchmarkQueryFilterOnly(b *testing.B) {
	benchQueries(b, []string{"tag:ensomhed", "kind:workshop", "phase:skab", "date:2025-06-01..2025-08-31"}, true)
}

// BenchmarkQueryHighlighted runs two-word queries through Search, which
// always highlights; BenchmarkQueryNoHighlight sends the same Bleve query
// without highlights or stored fields, to show what snippets cost.
func BenchmarkQueryHighlighted(b *testing.B) { benchQueries(b, twoWordQueries, false) }

var twoWordQueries = []string{"borgeren hjælp", "hjemmehjælpen tid", "ensomhed familien", "medicin lægen", "tryghed hverdagen"}

func BenchmarkQueryNoHighlight(b *testing.B) {
	qi, err := sharedIndex()
	if err != nil {
		b.Fatal(err)
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		q, err := qi.ix.QueryForTest(benchTopic, twoWordQueries[i%len(twoWordQueries)])
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		_, err = qi.ix.BleveForTest(benchTopic).Search(bleve.NewSearchRequest(q))
		durations = append(durations, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportPercentiles(b, durations)
}

func BenchmarkMoreLikeThis(b *testing.B) {
	qi, err := sharedIndex()
	if err != nil {
		b.Fatal(err)
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		// Project-1 notes are the majority; ids not in it are skipped.
		id := strconv.Itoa(1 + (i*7919)%corpusSize())
		start := time.Now()
		_, err := qi.ix.MoreLikeThis(benchTopic, id, 10)
		durations = append(durations, time.Since(start))
		if err != nil && !strings.Contains(err.Error(), "not found") {
			b.Fatal(err)
		}
	}
	reportPercentiles(b, durations)
}
