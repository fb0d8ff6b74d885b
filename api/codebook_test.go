package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/server"
)

// TestPatchCodebookKeepsOmittedFields: PATCH …/codebook/{tag} changes what
// it names and keeps the rest.
func TestPatchCodebookKeepsOmittedFields(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.designerProject()
		var parent, tag model.Tag
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Tryghed"}`, &parent)
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Mad","description":"Om mad og måltider","color":"#1b6e3a","parent_id":"`+fmt.Sprint(parent.ID)+`"}`, &tag)
		get := func() model.Tag {
			var book struct {
				Items []model.Tag `json:"items"`
			}
			h.do("GET", "/api/v1/projects/p/codebook", tok, "", &book)
			for _, tg := range book.Items {
				if tg.ID == tag.ID {
					return tg
				}
			}
			t.Fatalf("tag %d gone: %+v", tag.ID, book.Items)
			return model.Tag{}
		}
		path := "/api/v1/projects/p/codebook/" + fmt.Sprint(tag.ID)
		if code := h.do("PATCH", path, tok, `{"name":"Mad nok"}`, nil); code != 204 {
			t.Fatalf("rename: %d", code)
		}
		if got := get(); got.Name != "Mad nok" || got.Description != "Om mad og måltider" || got.Color != "#1b6e3a" || got.ParentID == nil || *got.ParentID != parent.ID {
			t.Fatalf("PATCH with only a name changed more: %+v", got)
		}
		if code := h.do("PATCH", path, tok, `{"color":"#aabbcc"}`, nil); code != 204 {
			t.Fatalf("recolour: %d", code)
		}
		if got := get(); got.Name != "Mad nok" || got.Description != "Om mad og måltider" || got.Color != "#aabbcc" {
			t.Fatalf("PATCH with only a colour changed more: %+v", got)
		}
		if code := h.do("PATCH", path, tok, `{"parent_id":""}`, nil); code != 204 {
			t.Fatalf("remove parent: %d", code)
		}
		if got := get(); got.ParentID != nil || got.Name != "Mad nok" || got.Color != "#aabbcc" {
			t.Fatalf("PATCH parent_id \"\": %+v", got)
		}
		if code := h.do("PATCH", path, tok, `{"color":"rød"}`, nil); code != 400 {
			t.Fatalf("bad colour: %d", code)
		}
	})
}

// TestProjectTagSearchFieldErrors: a bad input answers 400 with a code and the
// field as the JSON spells it.
func TestProjectTagSearchFieldErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.designerProject()
		for _, c := range []struct{ method, path, body, field string }{
			{"POST", "/api/v1/projects/p/members", `{"email":"ingen@kolding.dk","role":"lead"}`, "email"},
			{"POST", "/api/v1/projects/p/members", `{"email":"ann@kolding.dk","role":"chef"}`, "role"},
			{"POST", "/api/v1/projects", `{"slug":"Ikke OK","name":"X"}`, "slug"},
			{"POST", "/api/v1/projects", `{"slug":"ok","name":""}`, "name"},
			{"POST", "/api/v1/projects/p/codebook", `{"name":""}`, "name"},
			{"POST", "/api/v1/projects/p/saved-searches", `{"name":"","query":"mad"}`, "name"},
			{"GET", "/api/v1/projects/p/search?q=mad&limit=900", ``, "limit"},
			{"GET", "/api/v1/projects/p/search?q=mad&from=i+går", ``, "from"},
			{"POST", "/api/v1/projects/p/tags", `{"tags":["Mad"],"note_ids":[]}`, "note_ids"},
			{"POST", "/api/v1/projects/p/notes/1/tags", `{"tags":[]}`, "tags"},
		} {
			code, b := testkit.Call(t, c.method, h.url+c.path, tok, strings.NewReader(c.body))
			var e server.ErrorBody
			_ = json.Unmarshal(b, &e)
			if code != 400 || e.Error.Code != "invalid" || e.Error.Field != c.field || e.Error.Message == "" {
				t.Errorf("%s %s %s: %d %+v, want 400 invalid on %s", c.method, c.path, c.body, code, e.Error, c.field)
			}
		}
	})
}
