package search

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestCrashBetweenShardAndCheckpoint: a batch that reached some shards but
// not the directory's checkpoint (the process died in between) is applied
// again on restart, and the index ends with every note exactly once.
func TestCrashBetweenShardAndCheckpoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		svc := ingest.New(s, parse.DefaultLimits())
		var projects []model.Project
		for i := range 3 {
			p, err := s.CreateProject(ctx, model.Project{Slug: fmt.Sprintf("p%d", i), Name: "p"}, model.User{Role: model.RoleAdmin})
			if err != nil {
				t.Fatal(err)
			}
			projects = append(projects, p)
		}
		ingestText := func(i int) {
			var b strings.Builder
			for j := range 5 {
				fmt.Fprintf(&b, "Note %d om haven i runde %d.\n\n", j, i)
			}
			for _, p := range projects {
				if r := svc.File(ctx, p, fmt.Sprintf("f%d.txt", i), []byte(b.String()), ingest.Options{}); r.Status != ingest.StatusIngested {
					t.Fatalf("%+v", r)
				}
			}
		}
		ingestText(0)
		dir := filepath.Join(t.TempDir(), "index")
		x := NewIndexer(s, dir, log)
		if err := x.Open(ctx); err != nil {
			t.Fatal(err)
		}
		// On PostgreSQL the change log is read below the oldest running
		// transaction of the whole cluster, which other tests may hold open
		// for a moment: wait for the changes rather than assume them.
		for i := 0; ; i++ {
			if err := x.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
			if n, _ := x.Index().DocCount(); n == 15 {
				break
			}
			if i > 600 {
				t.Fatal("the first round never became visible")
			}
			time.Sleep(50 * time.Millisecond)
		}
		ingestText(1)
		// Apply the next batch to the first shard only, as a crash would
		// leave it, without the directory's checkpoint.
		cp, err := checkpointOf(x.Index())
		if err != nil {
			t.Fatal(err)
		}
		var all []NoteDoc
		var end checkpoint
		for i := 0; ; i++ {
			all, end = nextChunks(t, x, cp)
			if len(all) == 15 {
				break
			}
			if i > 600 {
				t.Fatalf("read %d notes after %+v", len(all), cp)
			}
			time.Sleep(50 * time.Millisecond)
		}
		first := fmt.Sprint(projects[0].ID)
		var docs []NoteDoc
		for _, d := range all {
			if d.ProjectID == first {
				docs = append(docs, d)
			}
		}
		next, _ := json.Marshal(end)
		sh, err := x.Index().shardFor(first, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := sh.apply(docs, nil, next); err != nil {
			t.Fatal(err)
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}

		y := NewIndexer(s, dir, log)
		if err := y.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer y.Close()
		if got, _ := checkpointOf(y.Index()); got != cp {
			t.Fatalf("checkpoint after the crash %+v, want the old %+v", got, cp)
		}
		if err := y.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := y.Index().DocCount(); n != 30 {
			t.Errorf("doc count %d, want 30", n)
		}
		for _, p := range projects {
			res, err := y.Index().Search(fmt.Sprint(p.ID), Request{Query: "haven", Limit: 50})
			if err != nil || res.Total != 10 {
				t.Errorf("project %d: %v %v", p.ID, res, err)
			}
		}
	})
}

// nextChunks is what a catch-up after cp would apply: the documents of
// every chunk, and the checkpoint it would end at.
func nextChunks(t *testing.T, x *Indexer, cp checkpoint) ([]NoteDoc, checkpoint) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // a failed test leaves the reader no one to send to
	out := make(chan pending, 1)
	go x.read(ctx, cp, out)
	var docs []NoteDoc
	for b := range out {
		if b.err != nil {
			t.Fatal(b.err)
		}
		docs = append(docs, b.docs...)
		if b.cp != nil {
			cp = *b.cp
		}
	}
	return docs, cp
}
