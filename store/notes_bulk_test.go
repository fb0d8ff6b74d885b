package store_test

import (
	"context"
	"fmt"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestAddNotesInChunks writes more notes than one chunk holds and checks
// that each got its own id, its text and its change-log row.
func TestAddNotesInChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.Project(t, s, "bulk", "Bulk")
		const n = 1234
		ns := make([]*model.Note, n)
		var srcID int64
		err := s.InTx(ctx, func(tx *store.Tx) error {
			src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:bulk"})
			if err != nil {
				return err
			}
			srcID = src.ID
			for i := range ns {
				ns[i] = &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: i, Text: fmt.Sprintf("note nummer %d", i)}
			}
			return tx.AddNotes(ctx, ns)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SourceNotes(ctx, p.ID, srcID)
		if err != nil || len(got) != n {
			t.Fatalf("%d notes, %v", len(got), err)
		}
		for i, g := range got {
			if g.ID != ns[g.Position].ID || g.Text != fmt.Sprintf("note nummer %d", g.Position) || g.Position != i {
				t.Fatalf("note %d: %+v, written as id %d", i, g, ns[g.Position].ID)
			}
		}
		latest, err := s.LatestCheckpoint(ctx)
		if err != nil || latest.ID == 0 {
			t.Fatal(err)
		}
		var changes []store.Change
		for cp := (store.Checkpoint{}); ; {
			cs, err := s.ChangesAfter(ctx, cp, 500)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 {
				if cp.ID >= latest.ID {
					break
				}
				continue // another test's transaction holds the horizon for a moment
			}
			changes = append(changes, cs...)
			cp = store.Checkpoint{Tx: cs[len(cs)-1].Tx, ID: cs[len(cs)-1].ID}
		}
		seen := map[int64]bool{}
		for _, c := range changes {
			seen[c.EntityID] = true
		}
		if len(changes) != n || len(seen) != n {
			t.Fatalf("%d change-log rows for %d distinct notes, want %d", len(changes), len(seen), n)
		}
	})
}
