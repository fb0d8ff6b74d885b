package search_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestTrimmedChangeLogRebuildsTheSame lets an index pass the change log,
// trims it, writes more, trims again, and checks that the log shrank, that
// an index built from scratch (from the notes table) answers as the one
// that followed the log, and that an index left behind the trim is rebuilt
// with the same answers rather than missing what was deleted.
func TestTrimmedChangeLogRebuildsTheSame(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := ingestSome(t, s, "trim", "Borgeren åbner køleskabet om natten.", "Pårørende fortæller om sult.", "Hun spørger om der er mad nok.")
		tagAll(t, s, p, "Mad")
		base := t.TempDir()
		x := openCaughtUp(t, s, filepath.Join(base, "a"))
		behind := openCaughtUp(t, s, filepath.Join(base, "behind")) // never records: does not hold the log back
		if err := behind.Close(); err != nil {
			t.Fatal(err)
		}
		x.Trim = search.TrimPolicy{Keep: 0, Forget: time.Hour}
		before := logRows(t, s)
		if n, err := x.TrimNow(ctx); err != nil || n == 0 {
			t.Fatalf("first trim: %d rows, %v", n, err)
		}
		svc := ingest.New(s, parse.DefaultLimits())
		for i := 0; i < 3; i++ {
			if r := svc.File(ctx, p, fmt.Sprintf("mere-%d.txt", i), []byte(fmt.Sprintf("Køleskabet er tomt igen, runde %d.\n\nMad nok?", i)), ingest.Options{}); r.Status != ingest.StatusIngested {
				t.Fatalf("ingest: %+v", r)
			}
		}
		tagAll(t, s, p, "Køleskab")
		if err := x.CatchUp(ctx); err != nil {
			t.Fatalf("catch up after a trim: %v", err)
		}
		if _, err := x.TrimNow(ctx); err != nil {
			t.Fatal(err)
		}
		if after := logRows(t, s); after >= before || after < 1 {
			t.Errorf("change log %d rows before trimming, %d after", before, after)
		}
		if _, err := s.ChangesAfter(ctx, store.Checkpoint{}, 10); !errors.Is(err, store.ErrTrimmed) {
			t.Errorf("reading from the start of a trimmed log: %v, want ErrTrimmed", err)
		}
		want := answers(t, x, p)
		fresh := openCaughtUp(t, s, filepath.Join(base, "fresh"))
		behind = openCaughtUp(t, s, filepath.Join(base, "behind"))
		for name, ix := range map[string]*search.Indexer{"built from scratch": fresh, "left behind the trim": behind} {
			if got := answers(t, ix, p); got != want {
				t.Errorf("index %s answers %s, want %s", name, got, want)
			}
		}
	})
}

func openCaughtUp(t *testing.T, s *store.Store, dir string) *search.Indexer {
	t.Helper()
	x := search.NewIndexer(s, dir, quiet)
	if err := x.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if err := x.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	return x
}

// tagAll tags every note of the project, one change-log row each.
func tagAll(t *testing.T, s *store.Store, p model.Project, tag string) {
	t.Helper()
	ctx := context.Background()
	notes, err := s.ProjectNotes(ctx, p.ID, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		id, err := tx.EnsureTag(ctx, p.ID, tag, 0)
		for _, n := range notes {
			if err == nil {
				err = tx.TagNote(ctx, p.ID, n.ID, id, "manual", 0)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// answers is what the index says about the project, as one string.
func answers(t *testing.T, x *search.Indexer, p model.Project) string {
	t.Helper()
	pid := strconv.FormatInt(p.ID, 10)
	out := ""
	for _, q := range []string{"køleskab", `tag:"Mad"`, `tag:"Køleskab"`, "mad"} {
		r, err := x.Index().Search(pid, search.Request{Query: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%s=%d%v ", q, r.Total, sortedIDs(r))
	}
	n, _ := x.Index().DocCount()
	return out + fmt.Sprintf("docs=%d", n)
}

func sortedIDs(r *search.Result) []int {
	var out []int
	for id := range ids(r) {
		n, _ := strconv.Atoi(id)
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func logRows(t *testing.T, s *store.Store) int64 {
	t.Helper()
	n, err := s.ChangeLogRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
