package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestAddNotesInChunks writes more notes than one chunk holds and checks
// that each got its own id and its text, and that the change log got one
// row, for the source.
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
		want := store.Change{ProjectID: p.ID, Entity: store.EntitySource, EntityID: srcID, Op: "upsert"}
		if len(changes) != 1 {
			t.Fatalf("%d change-log rows, want one for the source", len(changes))
		}
		if got := changes[0]; got.ProjectID != want.ProjectID || got.Entity != want.Entity || got.EntityID != want.EntityID || got.Op != want.Op {
			t.Fatalf("change-log row %+v, want %+v", got, want)
		}
	})
}

// TestAddNotesRefusesBadRows checks that a row the database refuses (a
// duplicate position, a NUL byte) fails the whole call with the model's
// error and leaves no note behind, on the COPY path as on the INSERT path.
func TestAddNotesRefusesBadRows(t *testing.T) {
	cases := []struct {
		name string
		bad  func(ns []*model.Note)
		want error
		pg   bool // SQLite stores a NUL; the model's checks refuse it before
	}{
		{"duplicate position", func(ns []*model.Note) { ns[7].Position = 3 }, model.ErrConflict, false},
		{"NUL byte", func(ns []*model.Note) { ns[7].Text = "før\x00efter" }, model.ErrInvalid, true},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, err := s.CreateProject(ctx, model.Project{Slug: "bad", Name: "Bad"}, model.User{Role: model.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			if c.pg && s.Dialect() != store.Postgres {
				continue
			}
			var srcID int64
			err := s.InTx(ctx, func(tx *store.Tx) error {
				src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: fmt.Sprintf("h1:bad-%d", i)})
				if err != nil {
					return err
				}
				srcID = src.ID
				ns := make([]*model.Note, 20)
				for j := range ns {
					ns[j] = &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: j, Text: fmt.Sprintf("note %d", j)}
				}
				c.bad(ns)
				return tx.AddNotes(ctx, ns)
			})
			if !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
			if got, _ := s.SourceNotes(ctx, p.ID, srcID); len(got) != 0 {
				t.Errorf("%s: %d notes left behind", c.name, len(got))
			}
		}
	})
}
