package search_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// A rebuild writes its shards with the build-only scorch settings; what
// it swaps in must hold every note and open with the durable defaults.
func TestRebuildSwapsInDurableShards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := ingestSome(t, s, "mad", "Borgeren åbner køleskabet om natten.", "Hun spørger om der er mad nok.")
		other := ingestSome(t, s, "andet", "Borgeren i det andet projekt åbner også køleskabet.")
		dir := filepath.Join(t.TempDir(), "index")
		x := search.NewIndexer(s, dir, quiet)
		if err := x.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if err := x.Rebuild(ctx); err != nil {
			t.Fatal(err)
		}
		assertDurable(t, dir)
		countHits(t, x, p.ID, "køleskab", 1)
		countHits(t, x, other.ID, "køleskab", 1)
		if err := x.RebuildProject(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		assertDurable(t, dir)
		countHits(t, x, p.ID, "mad", 1)
		if n, err := x.Index().DocCount(); err != nil || n != 3 {
			t.Fatalf("doc count %d (%v), want 3", n, err)
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		// Reopened from its files, the rebuilt index holds the same.
		x2 := search.NewIndexer(s, dir, quiet)
		if err := x2.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer x2.Close()
		countHits(t, x2, p.ID, "køleskab", 1)
		if n, err := x2.Index().DocCount(); err != nil || n != 3 {
			t.Fatalf("doc count after reopening %d (%v), want 3", n, err)
		}
	})
}

func countHits(t *testing.T, x *search.Indexer, project int64, q string, want int) {
	t.Helper()
	res, err := x.Index().Search(strconv.FormatInt(project, 10), search.Request{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != want {
		t.Fatalf("%d hits in project %d, want %d", len(res.Hits), project, want)
	}
}

// assertDurable fails when a shard under dir would open with unsafe_batch.
func assertDurable(t *testing.T, dir string) {
	t.Helper()
	metas := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index_meta.json" {
			return err
		}
		metas++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), "unsafe_batch") {
			t.Errorf("%s keeps the build setting: %s", path, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if metas == 0 {
		t.Fatalf("no shard under %s", dir)
	}
}
