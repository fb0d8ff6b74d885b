package search_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestSourceRowIndexesEveryNote uploads a source of more notes than one
// Bleve batch holds: the change log gets one row for it, and a catch-up
// indexes every note. Notes edited, erased and tagged after the upload but
// before the indexer ran end as the store has them; an index rebuilt from
// the notes table answers the same; and an index whose checkpoint ends at
// a source's row opens as it is, without a rebuild.
func TestSourceRowIndexesEveryNote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.Project(t, s, "kilde", "Kilde")
		base := t.TempDir()
		x := openCaughtUp(t, s, filepath.Join(base, "a"))
		x.BatchSize = 7 // 25 notes: four Bleve batches for the one row
		before, err := s.LatestCheckpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		notes := uploadSource(t, s, p, "h1:kilde", 25)
		rows := changesSince(t, s, before)
		if len(rows) != 1 || rows[0].Entity != store.EntitySource || rows[0].ProjectID != p.ID {
			t.Fatalf("an upload of 25 notes wrote change-log rows %+v, want one for its source", rows)
		}

		edited, erased, tagged := notes[3], notes[5], notes[8]
		err = s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetNoteText(ctx, p.ID, edited, "Borgeren taler om cykelstien."); err != nil {
				return err
			}
			if _, err := tx.EraseNotes(ctx, p.ID, []int64{erased}); err != nil {
				return err
			}
			id, err := tx.EnsureTag(ctx, p.ID, "Have", 0)
			if err != nil {
				return err
			}
			return tx.TagNote(ctx, p.ID, tagged, id, "manual", 0)
		})
		if err != nil {
			t.Fatal(err)
		}
		catchUpAll(t, s, x)

		pid := strconv.FormatInt(p.ID, 10)
		if n, _ := x.Index().DocCount(); n != 24 {
			t.Errorf("%d documents, want 24 (25 uploaded, one erased)", n)
		}
		cases := []struct {
			query string
			want  int
			has   int64 // a note the hits must hold (0: none)
			lacks int64 // a note they must not
		}{
			{"haven", 23, notes[0], edited},
			{"haven", 23, notes[24], erased},
			{"cykelstien", 1, edited, 0},
			{`tag:"Have"`, 1, tagged, 0},
		}
		for _, c := range cases {
			r, err := x.Index().Search(pid, search.Request{Query: c.query, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(r)
			if int(r.Total) != c.want || c.has != 0 && !got[fmt.Sprint(c.has)] || c.lacks != 0 && got[fmt.Sprint(c.lacks)] {
				t.Errorf("%s: %d hits %v, want %d with %d and without %d", c.query, r.Total, got, c.want, c.has, c.lacks)
			}
		}

		want := sourceAnswers(t, x, pid)
		fresh := openCaughtUp(t, s, filepath.Join(base, "fresh"))
		if got := sourceAnswers(t, fresh, pid); got != want {
			t.Errorf("rebuilt index answers %s, incremental %s", got, want)
		}

		// The last change is a source's row: the checkpoint names it, and
		// the index opens again as it is.
		uploadSource(t, s, p, "h1:sidst", 3)
		catchUpAll(t, s, x)
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		var logged bytes.Buffer
		y := search.NewIndexer(s, filepath.Join(base, "a"), slog.New(slog.NewTextHandler(&logged, nil)))
		if err := y.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer y.Close()
		if strings.Contains(logged.String(), "rebuilding") {
			t.Errorf("an index ending at a source's row was rebuilt on open: %s", logged.String())
		}
		if n, _ := y.Index().DocCount(); n != 27 {
			t.Errorf("reopened index: %d documents, want 27", n)
		}
	})
}

// uploadSource writes a source of n notes as an upload does (AddNotes)
// and returns the notes' ids by position.
func uploadSource(t *testing.T, s *store.Store, p model.Project, hash string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	ns := make([]*model.Note, n)
	err := s.InTx(ctx, func(tx *store.Tx) error {
		src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", Title: "Samtale", ContentHash: hash})
		if err != nil {
			return err
		}
		for i := range ns {
			ns[i] = &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: i, Text: fmt.Sprintf("Borgeren taler om haven, tur %d.", i)}
		}
		return tx.AddNotes(ctx, ns)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]int64, n)
	for i, note := range ns {
		out[i] = note.ID
	}
	return out
}

// changesSince is every change-log row after cp committed so far; on
// PostgreSQL another test's open transaction may hold them back a moment.
func changesSince(t *testing.T, s *store.Store, cp store.Checkpoint) []store.Change {
	t.Helper()
	ctx := context.Background()
	latest, err := s.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		cs, err := s.ChangesAfter(ctx, cp, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) > 0 && cs[len(cs)-1].ID == latest.ID || time.Now().After(deadline) {
			return cs
		}
	}
}

// catchUpAll catches up until the index holds every change committed so far.
func catchUpAll(t *testing.T, s *store.Store, x *search.Indexer) {
	t.Helper()
	ctx := context.Background()
	latest, err := s.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if err := x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		applied, err := x.Applied()
		if err != nil {
			t.Fatal(err)
		}
		if !applied.Before(latest) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index reached %+v, not %+v", applied, latest)
		}
	}
}

// sourceAnswers is what the index says about the project, as one string.
func sourceAnswers(t *testing.T, x *search.Indexer, pid string) string {
	t.Helper()
	out := ""
	for _, q := range []string{"haven", "cykelstien", `tag:"Have"`, "tur"} {
		r, err := x.Index().Search(pid, search.Request{Query: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%s=%d%v ", q, r.Total, sortedIDs(r))
	}
	n, _ := x.Index().DocCount()
	return out + fmt.Sprintf("docs=%d", n)
}
