package search

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestCheckpointNamesItsChange: a checkpoint names the change it ends at
// by kind too, since a note and a source may share an id; one written
// before checkpoints had a kind ended at a note.
func TestCheckpointNamesItsChange(t *testing.T) {
	note := store.Change{ID: 9, Tx: 4, ProjectID: 1, Entity: store.EntityNote, EntityID: 7}
	source := note
	source.Entity = store.EntitySource
	old := checkpointAt(note)
	old.Kind = ""
	cases := []struct {
		name string
		cp   checkpoint
		c    store.Change
		want bool
	}{
		{"a note's checkpoint, its row", checkpointAt(note), note, true},
		{"a source's checkpoint, its row", checkpointAt(source), source, true},
		{"a source's checkpoint, a note's row of the same id", checkpointAt(source), note, false},
		{"a note's checkpoint, a source's row of the same id", checkpointAt(note), source, false},
		{"an older checkpoint without a kind, a note's row", old, note, true},
		{"an older checkpoint without a kind, a source's row", old, source, false},
	}
	for _, c := range cases {
		if got := c.cp.names(c.c); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSourceRowsShareBatches: consecutive sources' notes fill Bleve
// batches up to BatchSize (an upload of many small files is not a batch
// each), no batch holds more, and a batch's checkpoint is the last source
// whose notes are all in it or before it.
func TestSourceRowsShareBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.Project(t, s, "smaa", "Små")
		x := NewIndexer(s, filepath.Join(t.TempDir(), "index"), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err := x.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		cp, err := checkpointOf(x.Index())
		if err != nil {
			t.Fatal(err)
		}
		x.BatchSize = 4
		var sources []int64
		for i := range 5 {
			err := s.InTx(ctx, func(tx *store.Tx) error {
				src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: fmt.Sprintf("h1:%d", i)})
				if err != nil {
					return err
				}
				sources = append(sources, src.ID)
				ns := make([]*model.Note, 3)
				for j := range ns {
					ns[j] = &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: j, Text: fmt.Sprintf("note %d", j)}
				}
				return tx.AddNotes(ctx, ns)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		for i := 0; ; i++ {
			got = chunkShapes(t, x, cp)
			if len(got) == 4 || i > 200 {
				break
			}
			time.Sleep(50 * time.Millisecond) // another test's transaction holds the horizon
		}
		want := []string{}
		for i, n := range []int{4, 4, 4, 3} {
			want = append(want, fmt.Sprintf("%d notes, up to source %d", n, sources[[]int{0, 1, 2, 4}[i]]))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("chunks %v, want %v", got, want)
		}
	})
}

// chunkShapes describes the chunks a catch-up after cp would apply.
func chunkShapes(t *testing.T, x *Indexer, cp checkpoint) []string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan pending, 1)
	go x.read(ctx, cp, out)
	var shapes []string
	for b := range out {
		if b.err != nil {
			t.Fatal(b.err)
		}
		if b.caughtUp {
			break
		}
		end := "none"
		if b.cp != nil {
			end = fmt.Sprint(b.cp.Entity)
			if b.cp.Kind != store.EntitySource {
				end += " (" + b.cp.Kind + ")"
			}
		}
		shapes = append(shapes, fmt.Sprintf("%d notes, up to source %s", len(b.docs), end))
	}
	return shapes
}
