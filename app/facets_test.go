package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"indsigt/app"
	"indsigt/search"
	"indsigt/store"
)

func facetTerms(fs []search.FacetCount) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Term] = f.Count
	}
	return out
}

// TestFacetsCache: the facets of a search are counted once and then come
// from the cache, whatever the page, limit or relevance/newest-first sort;
// another query or filter, or oldest first, is another entry; a write to
// the project counts them again; the lean search shows cached facets and
// counts cheap ones; each facet request is audited as a search without
// the query.
func TestFacetsCache(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, store.SQLite)
	r.ingest(t, "bus.txt", "Borger-1: Bussen kommer for sent.\n\nBorger-2: Bussen er altid fuld om morgenen.\n", "Borger-1", "Borger-2")
	if n := r.total(t, "bussen"); n != 2 {
		t.Fatalf("indexed: %d", n)
	}
	first, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen"})
	if err != nil || first.Cached || first.Total != 2 || facetTerms(first.Facets["source_kind"])["interview"] != 2 {
		t.Fatalf("first: %+v %v", first, err)
	}
	again, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen", Sort: "-date", Limit: 1, Cursor: "x"})
	if err != nil || !again.Cached || again.Total != 2 {
		t.Fatalf("same search, another page: %+v %v", again, err)
	}
	// Oldest first starts a date window from the other end: its own entry.
	oldest, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen", Sort: search.SortDateAsc})
	if err != nil || oldest.Cached || oldest.Total != 2 {
		t.Fatalf("oldest first: %+v %v", oldest, err)
	}
	other, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen", Participant: "Borger-1"})
	if err != nil || other.Cached || other.Total != 1 {
		t.Fatalf("another filter: %+v %v", other, err)
	}
	// The lean search: cached facets at once, none when not cached and
	// not cheap, counted when cheap.
	if res, err := r.app.SearchLean(ctx, r.scope, search.Request{Query: "bussen"}, 0); err != nil || facetTerms(res.Facets["source_kind"])["interview"] != 2 {
		t.Fatalf("lean, cached: %+v %v", res, err)
	}
	if res, err := r.app.SearchLean(ctx, r.scope, search.Request{Query: "morgenen"}, 0); err != nil || res.Facets != nil || res.Total != 1 {
		t.Fatalf("lean, not cached: %+v %v", res, err)
	}
	if res, err := r.app.SearchLean(ctx, r.scope, search.Request{Query: "morgenen"}, app.CheapFacets); err != nil || res.Facets == nil {
		t.Fatalf("lean, cheap: %+v %v", res, err)
	}
	if f, err := r.app.Facets(ctx, r.scope, search.Request{Query: "morgenen"}); err != nil || !f.Cached {
		t.Fatalf("cheap facets are cached: %+v %v", f, err)
	}
	// A write to the project: the cached facets are not served again.
	r.ingest(t, "bus2.txt", "Borger-3: Bussen holder ved skolen.\n", "Borger-3")
	if n := r.total(t, "bussen"); n != 3 {
		t.Fatalf("indexed: %d", n)
	}
	after, err := r.app.Facets(ctx, r.scope, search.Request{Query: "bussen"})
	if err != nil || after.Cached || after.Total != 3 || facetTerms(after.Facets["source_kind"])["interview"] != 3 {
		t.Fatalf("after a write: %+v %v", after, err)
	}
	// The search with facets (the API) serves them from the cache too.
	if res, err := r.app.Search(ctx, r.scope, search.Request{Query: "bussen", Facets: true, Limit: 1}); err != nil || facetTerms(res.Facets["source_kind"])["interview"] != 3 {
		t.Fatalf("search with facets: %+v %v", res, err)
	}
	log, err := r.store.AuditLog(ctx, r.scope.Project.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == "search" && e.Detail == "facets" {
			n++
		}
		if strings.Contains(e.Detail+e.Object, "bus") || strings.Contains(e.Detail+e.Object, "morgen") {
			t.Errorf("the audit row carries the query: %+v", e)
		}
	}
	if n != 6 {
		t.Errorf("%d facet audit rows, want 6", n)
	}
}

// TestFacetsConcurrent: identical concurrent requests get the same facets
// (they share one count; run with -race).
func TestFacetsConcurrent(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, store.SQLite)
	r.ingest(t, "bus.txt", "Borger-1: Bussen kommer for sent.\n\nBorger-2: Bussen er fuld.\n", "Borger-1", "Borger-2")
	r.total(t, "bussen")
	var wg sync.WaitGroup
	got := make([]app.FacetsResult, 8)
	errs := make([]error, len(got))
	for i := range got {
		wg.Go(func() { got[i], errs[i] = r.app.Facets(ctx, r.scope, search.Request{Query: "bussen"}) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i].Total != 2 || facetTerms(got[i].Facets["participant"])["Borger-1"] != 1 {
			t.Errorf("request %d: %+v %v", i, got[i], errs[i])
		}
	}
}
