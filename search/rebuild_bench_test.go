package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"indsigt/model"
	"indsigt/search"
	"indsigt/search/corpusgen"
	"indsigt/store"
	"indsigt/store/storetest"
)

// BenchmarkRebuild times Indexer.Rebuild of a seeded SQLite store (read,
// decrypt, build documents, index, swap) against the floor: bare Bleve
// indexing the same documents from memory in batches of 1000 with our
// mapping. Both run in every iteration, interleaved, so load from other
// processes hits both alike. Run it with
//
//	go test -run '^$' -bench Rebuild -benchtime 3x ./search/ -args -corpus 50000
//
// It reports seconds of each and their ratio; it asserts no timing.
func BenchmarkRebuild(b *testing.B) {
	n := corpusSize()
	s := storetest.Open(b, store.SQLite)
	docs := seedRebuild(b, s, n)
	ctx := context.Background()
	var rebuild, bare time.Duration
	for i := range b.N {
		dir := filepath.Join(b.TempDir(), "index")
		x := search.NewIndexer(s, dir, quiet)
		if err := x.Open(ctx); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := x.Rebuild(ctx); err != nil {
			b.Fatal(err)
		}
		rebuild += time.Since(start)
		if got, err := x.Index().DocCount(); err != nil || got != uint64(n) {
			b.Fatalf("rebuilt %d notes (%v), want %d", got, err, n)
		}
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
		bare += bareBuild(b, filepath.Join(b.TempDir(), fmt.Sprintf("bare-%d", i)), docs)
	}
	b.ReportMetric(rebuild.Seconds()/float64(b.N), "rebuild-s")
	b.ReportMetric(bare.Seconds()/float64(b.N), "bare-s")
	b.ReportMetric(rebuild.Seconds()/bare.Seconds(), "rebuild/bare")
	b.ReportMetric(float64(n*b.N)/rebuild.Seconds(), "notes/s")
}

// bareBuild indexes docs into a new Bleve index at dir and closes it.
func bareBuild(b *testing.B, dir string, docs []search.NoteDoc) time.Duration {
	b.Helper()
	start := time.Now()
	idx, err := bleve.NewUsing(dir, search.NewMappingForTest(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	for chunk := range slices.Chunk(docs, batchSize) {
		batch := idx.NewBatch()
		for _, d := range chunk {
			if err := batch.Index(d.ID, search.DocFieldsForTest(d)); err != nil {
				b.Fatal(err)
			}
		}
		if err := idx.Batch(batch); err != nil {
			b.Fatal(err)
		}
	}
	if err := idx.Close(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// seedRebuild writes n generated notes into one project of s, as
// tools/scale does, and returns them as documents for the bare build.
func seedRebuild(b *testing.B, s *store.Store, n int) []search.NoteDoc {
	b.Helper()
	ctx := context.Background()
	p := storetest.Project(b, s, "p1", "Projekt 1")
	var docs []search.NoteDoc
	for chunk := int64(0); len(docs) < n; chunk++ {
		gen := corpusgen.Generate(chunk+1, min(5000, n-len(docs)))
		err := s.InTx(ctx, func(tx *store.Tx) error {
			var notes []*model.Note
			var src model.Source
			for i, d := range gen {
				if i == 0 || d.SourceID != gen[i-1].SourceID {
					if err := addNotes(ctx, tx, notes); err != nil {
						return err
					}
					notes = nil
					var err error
					src, err = tx.CreateSource(ctx, model.Source{
						ProjectID: p.ID, Kind: model.SourceKind(d.SourceKind), Format: "txt", Title: d.SourceTitle,
						ContentHash: fmt.Sprintf("bench:%d:%s", chunk, d.SourceID), OccurredOn: &d.Date,
					})
					if err != nil {
						return err
					}
				}
				notes = append(notes, &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: d.Position, Text: d.Text, Speaker: d.Participant})
			}
			return addNotes(ctx, tx, notes)
		})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range gen {
			d.ID = strconv.Itoa(len(docs) + 1)
			d.ProjectID = strconv.FormatInt(p.ID, 10)
			docs = append(docs, d)
		}
	}
	return docs
}

func addNotes(ctx context.Context, tx *store.Tx, notes []*model.Note) error {
	if len(notes) == 0 {
		return nil
	}
	return tx.AddNotes(ctx, notes)
}
