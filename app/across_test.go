package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store/storetest"
)

// threeProjects is the fixture of the searches across projects: ann owns
// "a" and reads "b"; bo owns "b" and "c". "bussen" is in all three, once
// in a, twice in b and once in c; "zebraovergang" only in c.
func threeProjects(t *testing.T, r *rig) (ann, bo model.User) {
	t.Helper()
	tm := team{t: t, s: r.store, uc: r.app}
	ann, bo = tm.user("ann", model.RoleDesigner), tm.user("bo", model.RoleDesigner)
	notes := map[string]string{
		"a": "Borger-1: Bussen kommer for sent.\n\nBorger-2: Cykelstien er for smal.\n",
		"b": "Borger-1: Bussen kører ikke om aftenen.\n\nBorger-2: Jeg venter på bussen hver dag.\n",
		"c": "Borger-1: Bussen holder ved zebraovergang i byen.\n",
	}
	owners := map[string]model.User{"a": ann, "b": bo, "c": bo}
	for _, slug := range []string{"a", "b", "c"} {
		var members map[model.Role][]model.User
		if slug == "b" {
			members = map[model.Role][]model.User{model.RoleAnalyst: {ann}}
		}
		p := tm.project(slug, owners[slug], members)
		res := r.app.Ingest.File(context.Background(), p, slug+".txt", []byte(notes[slug]), ingest.Options{Kind: "interview"})
		if res.Status != ingest.StatusIngested {
			t.Fatalf("%s: %+v", slug, res)
		}
	}
	r.ix.Poke()
	deadline := time.Now().Add(20 * time.Second)
	for r.ix.Ready(context.Background()) != nil {
		if time.Now().After(deadline) {
			t.Fatal("the index did not catch up")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return ann, bo
}

func totals(res app.AcrossResult) map[string]uint64 {
	out := map[string]uint64{}
	for _, ph := range res.Projects {
		out[ph.Project.Slug] = ph.Total
	}
	return out
}

// TestSearchAcrossProjects: a search across projects reads only the
// projects of the user's memberships, counts right, and is audited once per
// project searched, without the query.
func TestSearchAcrossProjects(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			r := newRig(t, d)
			ann, bo := threeProjects(t, r)
			res, err := r.app.SearchAcross(ctx, app.UserActor(ann), search.Request{Query: "bussen"})
			if err != nil {
				t.Fatal(err)
			}
			if got := totals(res); res.Searched != 2 || res.Total != 3 || len(got) != 2 || got["a"] != 1 || got["b"] != 2 {
				t.Fatalf("ann: searched %d, total %d, %v", res.Searched, res.Total, got)
			}
			if res.Projects[0].Project.Slug != "b" || len(res.Projects[0].Hits) != 2 {
				t.Errorf("most hits first: %+v", res.Projects[0])
			}
			for _, ph := range res.Projects {
				for _, h := range ph.Hits {
					if strings.Contains(h.Snippet, "zebraovergang") {
						t.Errorf("a note of c in %s", ph.Project.Slug)
					}
				}
			}
			if res, err := r.app.SearchAcross(ctx, app.UserActor(ann), search.Request{Query: "zebraovergang"}); err != nil || res.Total != 0 || len(res.Projects) != 0 {
				t.Errorf("a word only in c: %+v %v", res, err)
			}
			if res, err := r.app.SearchAcross(ctx, app.UserActor(bo), search.Request{Query: "bussen", Limit: 1}); err != nil || res.Total != 3 || totals(res)["c"] != 1 || len(res.Projects[0].Hits) != 1 {
				t.Errorf("bo, one hit per project: %+v %v", res, err)
			}
			if res, err := r.app.SearchAcross(ctx, app.Operator(), search.Request{Query: "bussen"}); err != nil || res.Searched != 4 || res.Total != 4 {
				t.Errorf("the operator searches every project: %+v %v", res, err)
			}
			if _, err := r.app.SearchAcross(ctx, app.UserActor(ann), search.Request{Query: " "}); !isField(err, "q") {
				t.Errorf("no words: %v", err)
			}
			// ann searched a and b twice, bo b and c once, the operator all once.
			for slug, want := range map[string]int{"a": 3, "b": 4, "c": 2} {
				p, _ := r.store.ProjectBySlug(ctx, slug)
				log, _ := r.store.AuditLog(ctx, p.ID, 100)
				n := 0
				for _, e := range log {
					if e.Action == "search" {
						n++
						if strings.Contains(e.Detail+e.Object, "bus") {
							t.Errorf("the audit row carries the query: %+v", e)
						}
					}
				}
				if n != want {
					t.Errorf("project %s: %d search rows, want %d", slug, n, want)
				}
			}
		})
	}
}
