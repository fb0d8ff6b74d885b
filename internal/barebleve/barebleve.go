// Package barebleve is the baseline the search benchmarks measure indsigt
// against: Bleve used the way its documentation shows, with a mapping and
// a request a person would write by hand for the same notes and the same
// question. Only benchmarks use it.
package barebleve

import (
	"fmt"
	"os"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"indsigt/search"
	"indsigt/search/corpusgen"
)

// Mapping is what a person would write for the notes: Danish text stored
// with term vectors, keyword facets with doc values, a date.
func Mapping() *mapping.IndexMappingImpl {
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

// Doc is a note as a document of Mapping.
func Doc(d search.NoteDoc) map[string]any {
	return map[string]any{"text": d.Text, "source_title": d.SourceTitle, "project_id": d.ProjectID, "source_id": d.SourceID,
		"tags": d.Tags, "source_kind": d.SourceKind, "participant": d.Participant, "date": d.Date}
}

// Request is the hand-written request for the answer indsigt gives: the
// word in the text within the project, top 10, stored fields, highlighted
// snippets, two facets; newest first when byDate.
func Request(project, word string, byDate bool) *bleve.SearchRequest {
	m := query.NewMatchQuery(word)
	m.SetField("text")
	p := query.NewTermQuery(project)
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

// QueryWords picks up to n of corpusgen.FrequentWords that the Danish
// analyzer keeps as one term (not stop words): the benchmarks' questions.
func QueryWords(docs []search.NoteDoc, n int) []string {
	an := Mapping().AnalyzerNamed(da.AnalyzerName)
	var words []string
	for _, w := range corpusgen.FrequentWords(docs, 40) {
		if len(an.Analyze([]byte(w))) == 1 && len(words) < n {
			words = append(words, w)
		}
	}
	return words
}

// Settle waits (at most limit) until scorch has persisted all segments
// and merging has stopped, so that a benchmark measures a settled index.
func Settle(idx bleve.Index, limit time.Duration) {
	start := time.Now()
	last, stable := uint64(0), 0
	for time.Since(start) < limit && stable < 5 {
		time.Sleep(200 * time.Millisecond)
		stats, _ := idx.StatsMap()["index"].(map[string]any)
		mem, _ := stats["num_root_memorysegments"].(uint64)
		files, _ := stats["num_root_filesegments"].(uint64)
		if mem == 0 && files == last {
			stable++
		} else {
			stable = 0
		}
		last = files
	}
	fmt.Fprintf(os.Stderr, "bench index: settled at %d file segments after %v\n", last, time.Since(start).Round(time.Millisecond))
}
