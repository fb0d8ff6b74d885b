package api_test

import (
	"reflect"
	"testing"

	"indsigt/api"
	"indsigt/model"
	"indsigt/store"
)

// TestSavedSearchKeepsFilters: a saved search keeps its facet filters, a
// save under the same name replaces them, and a bad date is refused.
func TestSavedSearchKeepsFilters(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann := h.designerProject()
		body := `{"name":"Nat","query":"køleskab","filters":{"tags":["Søvn og nat","Mad"],"source_kind":"observation","participant":"Borger-3","phase":"opdag","from":"2026-01-01","to":"2026-06-30"}}`
		var saved store.SavedSearch
		if code := h.do("POST", "/api/v1/projects/p/saved-searches", ann, body, &saved); code != 201 {
			t.Fatalf("save: %d", code)
		}
		want := model.SearchFilters{Tags: []string{"Søvn og nat", "Mad"}, SourceKind: "observation", Participant: "Borger-3", Phase: "opdag", From: "2026-01-01", To: "2026-06-30"}
		var mine api.Page[store.SavedSearch]
		h.do("GET", "/api/v1/projects/p/saved-searches", ann, "", &mine)
		if len(mine.Items) != 1 || !reflect.DeepEqual(mine.Items[0].Filters, want) || !reflect.DeepEqual(saved.Filters, want) {
			t.Fatalf("filters: saved %+v, listed %+v, want %+v", saved.Filters, mine.Items, want)
		}
		h.do("POST", "/api/v1/projects/p/saved-searches", ann, `{"name":"Nat","query":"køleskab","filters":{"tags":["Mad"]}}`, nil)
		var again api.Page[store.SavedSearch]
		h.do("GET", "/api/v1/projects/p/saved-searches", ann, "", &again)
		if len(again.Items) != 1 || !reflect.DeepEqual(again.Items[0].Filters, model.SearchFilters{Tags: []string{"Mad"}}) {
			t.Fatalf("replaced filters: %+v", again.Items)
		}
		if code := h.do("POST", "/api/v1/projects/p/saved-searches", ann, `{"name":"Dato","query":"mad","filters":{"from":"i går"}}`, nil); code != 400 {
			t.Fatalf("bad date saved: %d", code)
		}
	})
}
