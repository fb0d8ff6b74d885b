package search_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func ingestSome(t *testing.T, s *store.Store, slug string, texts ...string) model.Project {
	t.Helper()
	ctx := context.Background()
	p, err := s.CreateProject(ctx, model.Project{Slug: slug, Name: slug}, model.User{Role: model.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	svc := ingest.New(s, parse.DefaultLimits())
	for i, txt := range texts {
		if r := svc.File(ctx, p, fmt.Sprintf("%s-%d.txt", slug, i), []byte(txt), ingest.Options{}); r.Status != ingest.StatusIngested {
			t.Fatalf("ingest: %+v", r)
		}
	}
	return p
}

func ids(r *search.Result) map[string]bool {
	out := map[string]bool{}
	for _, h := range r.Hits {
		out[h.NoteID] = true
	}
	return out
}

func TestIndexerFollowsStoreAndRebuilds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := ingestSome(t, s, "mad", "Borgeren åbner køleskabet om natten.", "Pårørende fortæller om sult i barndommen.", "Hun spørger om der er mad nok.")
		other := ingestSome(t, s, "andet", "Borgeren i det andet projekt åbner også køleskabet.")
		dir := filepath.Join(t.TempDir(), "index")
		x := search.NewIndexer(s, dir, quiet)
		if err := x.Open(ctx); err != nil {
			t.Fatal(err)
		}
		if err := x.Ready(ctx); err == nil {
			t.Fatal("ready before catching up")
		}
		if err := x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if err := x.Ready(ctx); err != nil {
			t.Fatalf("not ready after catch-up: %v", err)
		}
		pid := strconv.FormatInt(p.ID, 10)
		before, err := x.Index().Search(pid, search.Request{Query: "køleskab"})
		if err != nil || before.Total != 1 {
			t.Fatalf("search: %+v %v", before, err)
		}
		// A tag added in the store reaches the index through the change log.
		noteID, _ := strconv.ParseInt(before.Hits[0].NoteID, 10, 64)
		err = s.InTx(ctx, func(tx *store.Tx) error {
			id, err := tx.EnsureTag(ctx, p.ID, "Søvn og nat", 0)
			if err != nil {
				return err
			}
			return tx.TagNote(ctx, p.ID, noteID, id, "manual", 0)
		})
		if err != nil {
			t.Fatal(err)
		}
		if x.Ready(ctx) == nil {
			t.Error("ready with a change pending")
		}
		if err := x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		tagged, _ := x.Index().Search(pid, search.Request{Query: `tag:"Søvn og nat"`})
		if tagged.Total != 1 || tagged.Hits[0].NoteID != before.Hits[0].NoteID {
			t.Fatalf("tag not indexed: %+v", tagged)
		}
		n, _ := x.Index().DocCount()
		if n != 4 {
			t.Fatalf("doc count %d, want 4 (each note once)", n)
		}
		// Delete the index while stopped: it is rebuilt with the same answers.
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		x2 := search.NewIndexer(s, dir, quiet)
		if err := x2.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer x2.Close()
		if err := x2.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		after, _ := x2.Index().Search(pid, search.Request{Query: "køleskab"})
		if after.Total != before.Total || !ids(after)[before.Hits[0].NoteID] {
			t.Fatalf("after rebuild: %+v, before %+v", after, before)
		}
		if n, _ := x2.Index().DocCount(); n != 4 {
			t.Fatalf("doc count after rebuild %d", n)
		}
		otherHits, _ := x2.Index().Search(strconv.FormatInt(other.ID, 10), search.Request{Query: "køleskab"})
		if otherHits.Total != 1 || ids(otherHits)[before.Hits[0].NoteID] {
			t.Fatalf("projects mixed: %+v", otherHits)
		}
	})
}

func TestIndexerRebuildsUnreadableIndex(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	p := ingestSome(t, s, "mad", "Musikterapien hjælper beboerne på Marielund.")
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{ikke json"), 0o600)
	x := search.NewIndexer(s, dir, quiet)
	if err := x.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := x.Index().Search(strconv.FormatInt(p.ID, 10), search.Request{Query: "musikterapi"})
	if err != nil || r.Total != 1 {
		t.Fatalf("after rebuild of a broken index: %+v %v", r, err)
	}
}
