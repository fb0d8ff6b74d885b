package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"indsigt/ingest"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// appendRig is a rig that uploads numbered notes and checks the facet
// cache against a full count.
type appendRig struct {
	*rig
	files int
}

// upload ingests one file of n notes, each with word, spoken by
// participants of a pool of 45 that later files share (more than the
// facet's top 30, so that an upload raises values below the cut), and
// waits until they are indexed.
func (r *appendRig) upload(t *testing.T, n int, word, kind string) {
	t.Helper()
	r.files++
	var b strings.Builder
	var who []string
	for i := range n {
		p := fmt.Sprintf("Borger-%d", (r.files*7+i*i)%45)
		if !slices.Contains(who, p) {
			who = append(who, p)
		}
		fmt.Fprintf(&b, "%s: %s nummer %d i fil %d.\n\n", p, word, i, r.files)
	}
	res := r.app.Ingest.File(context.Background(), r.scope.Project, fmt.Sprintf("f%d.txt", r.files), []byte(b.String()),
		ingest.Options{Kind: kind, Participants: who})
	if res.Status != ingest.StatusIngested {
		t.Fatalf("upload: %+v", res)
	}
	r.catchUp(t)
}

func (r *appendRig) catchUp(t *testing.T) {
	t.Helper()
	if err := r.ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// noteIDs returns the ids of up to 200 notes matching q.
func (r *appendRig) noteIDs(t *testing.T, q string) []int64 {
	t.Helper()
	res, err := r.ix.Index().Search(strconv.FormatInt(r.scope.Project.ID, 10), search.Request{Query: q, Limit: search.MaxLimit, IDsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, h := range res.Hits {
		id, _ := strconv.ParseInt(h.NoteID, 10, 64)
		out = append(out, id)
	}
	return out
}

// check compares the facets and total the app answers for q (the facet
// request and the search with facets) with a full count in the index.
func (r *appendRig) check(t *testing.T, step string, q string) {
	t.Helper()
	ctx := context.Background()
	want, err := r.ix.Index().Search(strconv.FormatInt(r.scope.Project.ID, 10), search.Request{Query: q, Facets: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.app.Facets(ctx, r.scope, search.Request{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != want.Total || got.TotalAtLeast || !reflect.DeepEqual(got.Facets, want.Facets) {
		t.Errorf("%s, %q: facets %d %v\nwant %d %v", step, q, got.Total, got.Facets, want.Total, want.Facets)
	}
	res, err := r.app.Search(ctx, r.scope, search.Request{Query: q, Facets: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Facets, want.Facets) {
		t.Errorf("%s, %q: search facets %v\nwant %v", step, q, res.Facets, want.Facets)
	}
}

// TestFacetsFollowAppends: after an upload, the cached facets are brought
// forward by the new notes alone and equal a full count; after an edit of
// an existing note's tags or an erased note they are counted again, and
// equal it too.
func TestFacetsFollowAppends(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		ctx := context.Background()
		r := &appendRig{rig: newRig(t, dialectOf(t))}
		r.upload(t, 12, "Bussen kommer", "interview")
		if _, err := r.app.TagNotes(ctx, r.scope, r.noteIDs(t, "bussen")[:5], []string{"ventetid"}); err != nil {
			t.Fatal(err)
		}
		r.catchUp(t)
		r.check(t, "first count", "bussen")
		deltas := r.app.FacetDeltasForTest()

		r.upload(t, 20, "Bussen holder", "observation")
		r.check(t, "after an upload", "bussen")
		if n := r.app.FacetDeltasForTest(); n != deltas+1 {
			t.Errorf("after an upload: %d deltas, want %d", n, deltas+1)
		}
		r.upload(t, 20, "Toget holder", "workshop")
		r.upload(t, 20, "Bussen og toget", "workshop")
		r.check(t, "after two uploads", "bussen")
		r.check(t, "another query", "holder")
		deltas = r.app.FacetDeltasForTest()

		if _, err := r.app.TagNote(ctx, r.scope, r.noteIDs(t, "bussen")[0], []string{"ny-tag"}); err != nil {
			t.Fatal(err)
		}
		r.catchUp(t)
		r.check(t, "after tagging", "bussen")
		if _, err := r.app.EraseNote(ctx, r.scope, r.noteIDs(t, "bussen")[1]); err != nil {
			t.Fatal(err)
		}
		r.catchUp(t)
		r.check(t, "after an erasure", "bussen")
		if n := r.app.FacetDeltasForTest(); n != deltas {
			t.Errorf("a tag or an erasure brought facets forward: %d deltas, want %d", n, deltas)
		}
	})
}

// TestFacetsFollowRandomWrites: whatever mix of uploads, taggings and
// erasures comes between two searches, the cached facets equal a full
// count.
func TestFacetsFollowRandomWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, _ *store.Store) {
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(14, 14))
		r := &appendRig{rig: newRig(t, dialectOf(t))}
		words := []string{"Bussen kommer", "Toget kommer", "Bussen og toget"}
		kinds := []string{"interview", "observation", "workshop"}
		r.upload(t, 10, words[0], kinds[0])
		start := r.app.FacetDeltasForTest()
		for step := range 30 {
			for range 1 + rng.IntN(2) {
				switch op := rng.IntN(6); {
				case op < 4:
					r.upload(t, 1+rng.IntN(8), words[rng.IntN(len(words))], kinds[rng.IntN(len(kinds))])
				case op == 4:
					ids := r.noteIDs(t, "kommer")
					if _, err := r.app.TagNote(ctx, r.scope, ids[rng.IntN(len(ids))], []string{fmt.Sprintf("tag-%d", rng.IntN(40))}); err != nil {
						t.Fatal(err)
					}
				default:
					ids := r.noteIDs(t, "kommer")
					if _, err := r.app.EraseNote(ctx, r.scope, ids[rng.IntN(len(ids))]); err != nil {
						t.Fatal(err)
					}
				}
			}
			r.catchUp(t)
			for _, q := range []string{"kommer", "toget", "bussen -toget"} {
				r.check(t, fmt.Sprintf("step %d", step), q)
			}
		}
		if r.app.FacetDeltasForTest() == start {
			t.Error("no facets were brought forward")
		}
	})
}

// TestFacetsDuringWrites: searches that run while uploads and taggings are
// indexed keep no wrong counts: once the writes stop, the cached facets
// equal a full count. Run with -race; the timing of a search that
// overlaps a write is left to chance, so it finds races more than a wrong
// generation (TestGenerationDuringWrite in search pins that down).
func TestFacetsDuringWrites(t *testing.T) {
	ctx := context.Background()
	r := &appendRig{rig: newRig(t, store.SQLite)}
	r.upload(t, 10, "Bussen kommer", "interview")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen"}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for i := range 12 {
		if i%4 == 3 {
			ids := r.noteIDs(t, "bussen")
			if _, err := r.app.TagNote(ctx, r.scope, ids[i%len(ids)], []string{fmt.Sprintf("tag-%d", i)}); err != nil {
				t.Fatal(err)
			}
			r.catchUp(t)
			continue
		}
		r.upload(t, 20, "Bussen holder", "observation")
	}
	close(stop)
	wg.Wait()
	r.check(t, "after the writes", "bussen")
}
