package search_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

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
	sentences := strings.Split(strings.TrimSpace(string(corpora.Read(b, "danish", "ddt-dev-sentences.txt"))), "\n")
	sentences = append(sentences, conllSentences(string(corpora.Read(b, "ner", "da_ddt-ud-ner-train-10k.conll")))...)
	docs := corpusgen.GenerateWith(benchSeed, n, corpusgen.Options{Projects: []string{benchTopic}})
	r := rand.New(rand.NewPCG(benchSeed, 14))
	for i := range docs {
		k := 2 + r.IntN(2)
		parts := make([]string, k)
		for j := range parts {
			parts[j] = sentences[r.IntN(len(sentences))]
		}
		docs[i].Text = strings.Join(parts, " ")
	}
	return docs
}

// conllSentences joins the tokens of a CoNLL file into sentences.
func conllSentences(s string) []string {
	var out, cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		if tok, _, ok := strings.Cut(line, "\t"); ok {
			cur = append(cur, tok)
		}
	}
	return out
}

// bareMapping is what a person would write for these notes: Danish text
// stored with term vectors, keyword facets with doc values, a date.
func bareMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = da.AnalyzerName
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = da.AnalyzerName
	text.Store, text.IncludeTermVectors = true, true
	dm.AddFieldMappingsAt("text", text)
	title := bleve.NewTextFieldMapping()
	title.Analyzer = da.AnalyzerName
	dm.AddFieldMappingsAt("source_title", title)
	for _, f := range []string{"project_id", "source_id", "tags", "source_kind", "participant"} {
		k := bleve.NewKeywordFieldMapping()
		k.Analyzer = keyword.Name
		dm.AddFieldMappingsAt(f, k)
	}
	dm.AddFieldMappingsAt("date", bleve.NewDateTimeFieldMapping())
	im.DefaultMapping = dm
	return im
}

func bareDoc(d search.NoteDoc) map[string]any {
	return map[string]any{"text": d.Text, "source_title": d.SourceTitle, "project_id": d.ProjectID, "source_id": d.SourceID,
		"tags": d.Tags, "source_kind": d.SourceKind, "participant": d.Participant, "date": d.Date}
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
	bare, err := bleve.NewUsing(filepath.Join(dir, "bare"), bareMapping(), scorch.Name, scorch.Name, nil)
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
			if err := batch.Index(d.ID, bareDoc(d)); err != nil {
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
	waitForMerges(bare, time.Minute)
	waitForMerges(ix.BleveForTest(benchTopic), time.Minute)
	an := bare.Mapping().AnalyzerNamed(da.AnalyzerName)
	var words []string
	for _, w := range frequentWords(docs, 40) {
		if len(an.Analyze([]byte(w))) == 1 && len(words) < 12 { // not a stop word
			words = append(words, w)
		}
	}
	sideBuilt = &sideBySide{dir: dir, bare: bare, ix: ix, words: words}
	fmt.Fprintf(os.Stderr, "side by side: %d notes; words %v\n", len(docs), sideBuilt.words)
	return sideBuilt
}

var (
	sideMu    sync.Mutex
	sideBuilt *sideBySide
)

// frequentWords picks words of five letters or more that occur in 1–10 %
// of the notes: frequent enough to have many hits, rare enough to mean
// something.
func frequentWords(docs []search.NoteDoc, n int) []string {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == 'æ' || r == 'ø' || r == 'å') }) {
			if len([]rune(w)) >= 5 && !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	var ws []string
	for w, c := range df {
		if c >= len(docs)/100 && c <= len(docs)/10 {
			ws = append(ws, w)
		}
	}
	sort.Slice(ws, func(i, j int) bool { return df[ws[i]] > df[ws[j]] || df[ws[i]] == df[ws[j]] && ws[i] < ws[j] })
	return ws[:min(n, len(ws))]
}

// bareRequest is the hand-written Bleve request for the same answer: the
// word in the text within the project, top 10, stored fields, highlighted
// snippets, two facets.
func bareRequest(word string, byDate bool) *bleve.SearchRequest {
	m := query.NewMatchQuery(word)
	m.SetField("text")
	p := query.NewTermQuery(benchTopic)
	p.SetField("project_id")
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{p, m}), 10, 0, false)
	req.Fields = []string{"text", "source_id", "source_title", "tags", "participant", "source_kind", "date"}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("text")
	req.AddFacet("tags", bleve.NewFacetRequest("tags", 30))
	req.AddFacet("source_kind", bleve.NewFacetRequest("source_kind", 10))
	if byDate {
		req.SortBy([]string{"-date"})
	}
	return req
}

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
						res, err := s.bare.Search(bareRequest(w, order == search.SortDateDesc))
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
