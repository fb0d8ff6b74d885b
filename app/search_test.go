package app_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestParseSearch(t *testing.T) {
	r, err := app.ParseSearch(url.Values{"q": {"køleskab"}, "tag": {"Mad", "Nat"}, "source_kind": {"observation"}, "limit": {"50"},
		"from": {"2026-03-01"}, "facets": {"false"}, "sort": {"-date"}})
	if err != nil || r.Query != "køleskab" || len(r.Tags) != 2 || r.SourceKind != "observation" || r.Limit != 50 || r.From.IsZero() || r.Facets || r.Sort != "-date" {
		t.Fatalf("parse: %+v %v", r, err)
	}
	if r, _ := app.ParseSearch(url.Values{}); !r.Facets {
		t.Error("facets are on unless asked off")
	}
	for _, c := range []struct {
		q     url.Values
		field string
	}{
		{url.Values{"limit": {"0"}}, "limit"},
		{url.Values{"limit": {"201"}}, "limit"},
		{url.Values{"limit": {"ti"}}, "limit"},
		{url.Values{"from": {"i går"}}, "from"},
		{url.Values{"to": {"31-12-2026"}}, "to"},
	} {
		_, err := app.ParseSearch(c.q)
		if fe, ok := model.AsFieldError(err); !ok || fe.Field != c.field {
			t.Errorf("%v: %v, want a field error on %s", c.q, err, c.field)
		}
	}
}

// TestSuggestionsDoNotSwallowSearchErrors: suggestions of a search that
// cannot run are an error, not an empty board.
func TestSuggestionsDoNotSwallowSearchErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		uc, sc := operatorProject(t, s)
		if _, err := uc.Suggestions(ctx, sc, app.SuggestRequest{Search: &search.Request{Query: "mad"}}); !errors.Is(err, app.ErrIndexNotReady) {
			t.Fatalf("without an index: %v", err)
		}
		got, err := uc.Suggestions(ctx, sc, app.SuggestRequest{})
		if err != nil || got.Items == nil {
			t.Fatalf("an empty project: %+v %v", got, err)
		}
	})
}

// TestTaggingNamesTheInput: a bad tag name is a field error on the input
// ("tags"), and a bulk tagging is bounded.
func TestTaggingNamesTheInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		uc, sc := operatorProject(t, s)
		if _, err := uc.TagNote(ctx, sc, 1, []string{"  "}); !isField(err, "tags") {
			t.Errorf("empty tag: %v", err)
		}
		if _, err := uc.TagNotes(ctx, sc, make([]int64, app.MaxTagNotes+1), []string{"Mad"}); !isField(err, "note_ids") {
			t.Errorf("too many notes: %v", err)
		}
		if _, err := uc.UntagNote(ctx, sc, 1, ""); !isField(err, "tag") {
			t.Errorf("untag without a tag: %v", err)
		}
	})
}

func isField(err error, field string) bool {
	fe, ok := model.AsFieldError(err)
	return ok && fe.Field == field
}

// TestSearchIsAudited: a search leaves one "search" row (written while the
// index is searched), and a query that does not parse is refused before
// it is recorded.
func TestSearchIsAudited(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			r := newRig(t, dialect)
			r.ingest(t, "bus.txt", "Borger-1: Bussen kommer for sent.\n", "Borger-1")
			if n := r.total(t, "bussen"); n != 1 {
				t.Fatalf("indexed: %d", n)
			}
			before := searchRows(t, r)
			if res, err := r.app.Search(ctx, r.scope, search.Request{Query: "bussen", Facets: true}); err != nil || res.Total != 1 {
				t.Fatalf("search: %+v %v", res, err)
			}
			if n := searchRows(t, r); n != before+1 {
				t.Fatalf("%d search rows after a search, want %d", n, before+1)
			}
			long := strings.Repeat("bus ", search.MaxQueryChars)
			if _, err := r.app.Search(ctx, r.scope, search.Request{Query: long}); !errors.Is(err, search.ErrInvalidQuery) {
				t.Fatalf("a query too long: %v", err)
			}
			if n := searchRows(t, r); n != before+1 {
				t.Fatalf("%d search rows after a refused query, want %d", n, before+1)
			}
		})
	}
}

func searchRows(t *testing.T, r *rig) int {
	t.Helper()
	log, err := r.store.AuditLog(context.Background(), r.scope.Project.ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == "search" && e.Detail == "" {
			n++
		}
	}
	return n
}
