package search_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"indsigt/internal/barebleve"
	"indsigt/search"
)

// BenchmarkShardIsolation: the same 20,000-note project searched in an
// installation that holds four more projects of 20,000 notes each, as one
// shared Bleve index (the layout before shards, project as a filter) and
// as indsigt's per-project shards. Run it alone:
//
//	go test -run '^$' -bench ShardIsolation -benchtime 1000x ./search/
func BenchmarkShardIsolation(b *testing.B) {
	side := buildSide(b)
	dir := b.TempDir()
	shared, err := bleve.NewUsing(filepath.Join(dir, "shared"), barebleve.Mapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer shared.Close()
	ix, err := search.Open(filepath.Join(dir, "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	base := realNotes(b, sideNotes)
	for p := 1; p <= 5; p++ {
		docs := slices.Clone(base)
		for i := range docs {
			docs[i].ProjectID = strconv.Itoa(p)
			docs[i].ID = strconv.Itoa(p*1000000 + i)
		}
		for c := range slices.Chunk(docs, batchSize) {
			batch := shared.NewBatch()
			for _, d := range c {
				if err := batch.Index(d.ID, barebleve.Doc(d)); err != nil {
					b.Fatal(err)
				}
			}
			if err := shared.Batch(batch); err != nil {
				b.Fatal(err)
			}
			if err := ix.Apply(c, nil, []byte("bench")); err != nil {
				b.Fatal(err)
			}
		}
	}
	barebleve.Settle(shared, time.Minute)
	for _, p := range ix.Projects() {
		barebleve.Settle(ix.BleveForTest(p), time.Minute)
	}
	var one, all []time.Duration
	b.ResetTimer()
	for i := range b.N {
		w := side.words[i%len(side.words)]
		start := time.Now()
		res, err := shared.Search(barebleve.Request(benchTopic, w, false))
		all = append(all, time.Since(start))
		if err != nil || res.Total == 0 {
			b.Fatal(w, err)
		}
		start = time.Now()
		r, err := ix.Search(benchTopic, search.Request{Query: w, Limit: 10, Facets: true, FacetNames: []string{"tags", "source_kind"}})
		one = append(one, time.Since(start))
		if err != nil || r.Total != res.Total {
			b.Fatalf("%q: %v, %d hits, shared index %d", w, err, r.Total, res.Total)
		}
	}
	b.StopTimer()
	sp50, sp95 := percentiles(all)
	op50, op95 := percentiles(one)
	b.ReportMetric(sp50, "shared-p50-ms")
	b.ReportMetric(sp95, "shared-p95-ms")
	b.ReportMetric(op50, "shard-p50-ms")
	b.ReportMetric(op95, "shard-p95-ms")
}
