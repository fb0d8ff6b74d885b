package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

func openIndexer(t *testing.T, s *store.Store, dir string) *search.Indexer {
	t.Helper()
	x := search.NewIndexer(s, dir, quiet)
	if err := x.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	settle(t, x, s)
	return x
}

// settle catches up until the index holds the store's latest change. On
// PostgreSQL the change log is read below the oldest transaction running
// anywhere in the cluster, which other tests may hold open for a moment.
func settle(t *testing.T, x *search.Indexer, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	latest, err := s.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if err := x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		var cp store.Checkpoint
		if b, _ := x.Index().Checkpoint(); b != nil {
			if err := json.Unmarshal(b, &cp); err != nil {
				t.Fatal(err)
			}
		}
		if cp == latest {
			return
		}
		if i > 600 {
			t.Fatalf("index at %+v, store at %+v", cp, latest)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func total(t *testing.T, x *search.Indexer, p model.Project, q string) uint64 {
	t.Helper()
	res, err := x.Index().Search(strconv.FormatInt(p.ID, 10), search.Request{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestIndexerUpgradesLayout1: the single index of earlier versions is
// replaced by the per-project layout, and nothing of it is left.
func TestIndexerUpgradesLayout1(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	p := ingestSome(t, s, "mad", "Musikterapien hjælper beboerne på Marielund.")
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	bi, err := bleve.NewUsing(dir, bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.Index("1", map[string]any{"text": "gammel"}); err != nil {
		t.Fatal(err)
	}
	_ = bi.Close()
	x := openIndexer(t, s, dir)
	if n := total(t, x, p, "musikterapi"); n != 1 {
		t.Fatalf("after upgrade: %d hits", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "projects", strconv.FormatInt(p.ID, 10))); err != nil {
		t.Errorf("no shard for the project: %v", err)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != "index" && e.Name() != "index.lock" {
			t.Errorf("left beside the index: %s", e.Name())
		}
	}
}

// TestIndexerRefusesSecondProcess: the directory lock refuses a second
// indexer on the same index, also while nothing is open inside it.
func TestIndexerRefusesSecondProcess(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	dir := filepath.Join(t.TempDir(), "index")
	openIndexer(t, s, dir)
	y := search.NewIndexer(s, dir, quiet)
	if err := y.Open(context.Background()); !errors.Is(err, search.ErrLocked) {
		t.Fatalf("second indexer: %v, want ErrLocked", err)
	}
}

// TestIndexerRebuildsForRestoredDatabase: an index kept while an older or
// other database was put back is detected and rebuilt, so deleted notes are
// not served and new ones are indexed.
func TestIndexerRebuildsForRestoredDatabase(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	newer := storetest.Open(t, store.SQLite)
	ingestSome(t, newer, "mad", "Køleskabet er tomt.", "Køleskabet larmer.", "Køleskabet står åbent.")
	x := openIndexer(t, newer, dir)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}

	// Behind the index: fewer changes than its checkpoint.
	older := storetest.Open(t, store.SQLite)
	p := ingestSome(t, older, "mad", "Cyklen er væk.")
	x = openIndexer(t, older, dir)
	if n := total(t, x, p, "køleskab"); n != 0 {
		t.Errorf("notes of the other database served: %d", n)
	}
	if n := total(t, x, p, "cykl"); n != 1 {
		t.Errorf("the database's own note: %d hits", n)
	}
	_ = x.Close()

	// As many changes, but not the ones the index saw.
	other := storetest.Open(t, store.SQLite)
	if _, err := other.CreateProject(ctx, model.Project{Slug: "tom", Name: "tom"}, model.User{Role: model.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	q := ingestSome(t, other, "mad", "Bussen kommer ikke.", "Bussen er fuld.", "Bussen er sen.", "Bussen kører.")
	x = openIndexer(t, other, dir)
	if n := total(t, x, q, "bus"); n != 4 {
		t.Errorf("after rebuild for a different history: %d hits, want 4", n)
	}
	if n := total(t, x, p, "cykl"); n != 0 {
		t.Errorf("old notes survived: %d", n)
	}
}

func TestIndexerRebuildAndDropOneProject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := ingestSome(t, s, "a", "Haven blomstrer.", "Haven er vild.")
		b := ingestSome(t, s, "b", "Haven er lille.")
		dir := filepath.Join(t.TempDir(), "index")
		x := openIndexer(t, s, dir)
		if err := x.RebuildProject(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if n := total(t, x, a, "have"); n != 2 {
			t.Errorf("after project rebuild: %d", n)
		}
		if err := x.DropProject(b.ID); err != nil {
			t.Fatal(err)
		}
		if n := total(t, x, b, "have"); n != 0 {
			t.Errorf("dropped project: %d", n)
		}
		if _, err := os.Stat(filepath.Join(dir, "projects", strconv.FormatInt(b.ID, 10))); !os.IsNotExist(err) {
			t.Errorf("dropped shard's files: %v", err)
		}
		if n := total(t, x, a, "have"); n != 2 {
			t.Errorf("other project after drop: %d", n)
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteProject(ctx, a.ID) }); err != nil {
			t.Fatal(err)
		}
		settle(t, x, s)
		if n := total(t, x, a, "have"); n != 0 {
			t.Errorf("deleted project still found: %d", n)
		}
		if err := x.Ready(ctx); err != nil {
			t.Errorf("not ready: %v", err)
		}
	})
}

// TestIndexerRebuildsDamagedShard: garbage in a shard's files is detected
// on open (never a panic), the index moved aside and rebuilt.
func TestIndexerRebuildsDamagedShard(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	p := ingestSome(t, s, "mad", "Musikterapien hjælper beboerne.")
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	x := openIndexer(t, s, dir)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	shard := filepath.Join(dir, "projects", strconv.FormatInt(p.ID, 10))
	for _, c := range []struct {
		name     string
		from, to int // bytes to garble; to 0 = to the end
	}{
		{filepath.Join("store", "root.bolt"), 2 * 4096, 0}, // every page after the two meta pages: bolt panics on such pages
		{filepath.Join("store", "root.bolt"), 0, 0},
		{"index_meta.json", 0, 0},
	} {
		name := c.name
		f := filepath.Join(shard, name)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		to := c.to
		if to == 0 || to > len(b) {
			to = len(b)
		}
		for i := c.from; i < to; i++ {
			if i%3 == 0 || c.from > 0 {
				b[i] ^= 0x5a
			}
		}
		if err := os.WriteFile(f, b, 0o600); err != nil {
			t.Fatal(err)
		}
		var logged bytes.Buffer
		x = search.NewIndexer(s, dir, slog.New(slog.NewTextHandler(&logged, nil)))
		if err := x.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		settle(t, x, s)
		if !strings.Contains(logged.String(), "rebuilding it from the store") {
			t.Errorf("%s [%d:%d] damaged: not detected", name, c.from, c.to)
		}
		if n := total(t, x, p, "musikterapi"); n != 1 {
			t.Errorf("%s damaged: %d hits after rebuild", name, n)
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
	}
	broken, _ := filepath.Glob(dir + ".broken-*")
	if len(broken) != 1 {
		t.Errorf("kept %d damaged copies, want the latest one", len(broken))
	}
}
