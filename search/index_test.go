package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestApplyCheckpointSurvivesReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := ix.Checkpoint(); err != nil || cp != nil {
		t.Fatalf("fresh checkpoint %q, %v", cp, err)
	}
	docs := loadFixture(t)
	if err := ix.Apply(docs, nil, []byte("42")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(nil, []NoteRef{{"1", "1"}, {"1", "2"}, {"1", "nonexistent"}, {"77", "1"}}, []byte("43")); err != nil {
		t.Fatal(err)
	}
	// A nil checkpoint leaves the stored one alone.
	if err := ix.Apply([]NoteDoc{{ID: "200", ProjectID: "1", Text: "Ny note om æbler."}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ix.Close() }()
	cp, err := ix.Checkpoint()
	if err != nil || string(cp) != "43" {
		t.Errorf("checkpoint after reopen %q, %v; want 43", cp, err)
	}
	n, err := ix.DocCount()
	if err != nil || n != uint64(len(docs)-2+1) {
		t.Errorf("doc count %d, %v; want %d", n, err, len(docs)-1)
	}
	res := search(t, ix, "1", Request{Query: "borger"})
	if got := ids(res); !slices.Equal(got, []string{"3"}) {
		t.Errorf("deleted notes still found: %v", got)
	}
	if got := ids(search(t, ix, "1", Request{Query: "æbler"})); !slices.Equal(got, []string{"200"}) {
		t.Errorf("note written after checkpoint: %v", got)
	}
}

func TestApplyUpsertReplaces(t *testing.T) {
	ix := newTestIndex(t)
	d := loadFixture(t)[0]
	d.Text = "Teksten er ændret til noget om cykler."
	d.Tags = []string{"transport"}
	if err := ix.Apply([]NoteDoc{d}, nil, []byte("cp-2")); err != nil {
		t.Fatal(err)
	}
	if got := ids(search(t, ix, "1", Request{Query: "aftenen"})); len(got) != 0 {
		t.Errorf("old text still found: %v", got)
	}
	if got := ids(search(t, ix, "1", Request{Query: "cykler tag:transport"})); !slices.Equal(got, []string{"1"}) {
		t.Errorf("new text not found: %v", got)
	}
	if err := ix.Apply([]NoteDoc{{ProjectID: "1"}}, nil, nil); err == nil {
		t.Error("note without id accepted")
	}
}

func TestOpenSchemaMismatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.writeMeta(nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply([]NoteDoc{{ID: "1", ProjectID: "1", Text: "x"}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.shards["1"].bi.SetInternal(schemaKey, []byte(strconv.Itoa(SchemaVersion+1))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrSchemaMismatch) {
		t.Fatalf("open with other version: %v, want ErrSchemaMismatch", err)
	}

	notIndex := filepath.Join(t.TempDir(), "junk")
	if err := os.MkdirAll(notIndex, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notIndex, "x"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(notIndex); err == nil || errors.Is(err, ErrSchemaMismatch) {
		t.Fatalf("open of non-index dir: %v", err)
	}
}

func TestRebuildAndSwap(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	build := func(texts ...string) string {
		t.Helper()
		b, err := NewBuildDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(b) != parent {
			t.Fatalf("build dir %s not next to %s", b, dir)
		}
		ix, err := Open(b)
		if err != nil {
			t.Fatal(err)
		}
		docs := make([]NoteDoc, len(texts))
		for i, tx := range texts {
			docs[i] = NoteDoc{ID: fmt.Sprint(i + 1), ProjectID: "1", Text: tx}
		}
		if err := ix.Apply(docs, nil, []byte("cp")); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Swap into a place where no index exists yet.
	if err := Swap(dir, build("første version")); err != nil {
		t.Fatal(err)
	}
	if err := Swap(dir, build("anden version", "med to noter")); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ix.Close() }()
	if n, _ := ix.DocCount(); n != 2 {
		t.Errorf("doc count after swap %d, want 2", n)
	}
	if got := ids(search(t, ix, "1", Request{Query: "første"})); len(got) != 0 {
		t.Errorf("old index still answers: %v", got)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "index" {
		t.Errorf("left-overs beside the index: %v", entries)
	}
	if err := Swap(dir, filepath.Join(parent, "missing")); err == nil {
		t.Error("swap with missing build dir succeeded")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("failed swap lost the old index: %v", err)
	}
}

func pagingIndex(t *testing.T) *Index {
	t.Helper()
	ix := emptyIndex(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []NoteDoc
	for i := range 53 {
		// Repeated texts give equal scores, so ties must be broken by id.
		text := "Borgeren taler om hjemmehjælp."
		if i%3 == 0 {
			text = "Borgeren taler om hjemmehjælp og hjemmehjælpens tider."
		}
		docs = append(docs, NoteDoc{ID: strconv.Itoa(i + 1), ProjectID: "1", Text: text,
			Date: base.AddDate(0, 0, i%20)}) // equal dates too
	}
	docs = append(docs, NoteDoc{ID: "900", ProjectID: "2", Text: "Borgeren taler om hjemmehjælp.", Date: base})
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestPagingWithCursor(t *testing.T) {
	ix := pagingIndex(t)
	for _, sortBy := range []string{"", SortRelevance, SortDateAsc, SortDateDesc} {
		t.Run("sort="+sortBy, func(t *testing.T) {
			seen := map[string]bool{}
			var all []Hit
			cur := ""
			pages := 0
			for {
				res := search(t, ix, "1", Request{Query: "hjemmehjælp", Sort: sortBy, Limit: 20, Cursor: cur})
				pages++
				if res.Total != 53 {
					t.Fatalf("total %d", res.Total)
				}
				for _, h := range res.Hits {
					if seen[h.NoteID] {
						t.Fatalf("duplicate %s on page %d", h.NoteID, pages)
					}
					seen[h.NoteID] = true
				}
				all = append(all, res.Hits...)
				if res.NextCursor == "" {
					break
				}
				cur = res.NextCursor
				if pages > 5 {
					t.Fatal("too many pages")
				}
			}
			if pages != 3 || len(seen) != 53 {
				t.Fatalf("pages %d, notes %d; want 3 and 53", pages, len(seen))
			}
			for i := 1; i < len(all); i++ {
				a, b := all[i-1], all[i]
				switch sortBy {
				case SortDateAsc:
					if a.Date.After(b.Date) {
						t.Errorf("not ascending at %d: %v > %v", i, a.Date, b.Date)
					}
				case SortDateDesc:
					if a.Date.Before(b.Date) {
						t.Errorf("not descending at %d: %v < %v", i, a.Date, b.Date)
					}
				default:
					if a.Score < b.Score {
						t.Errorf("score rises at %d: %v < %v", i, a.Score, b.Score)
					}
				}
			}
		})
	}
}
