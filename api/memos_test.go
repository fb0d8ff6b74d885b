package api_test

import (
	"fmt"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/model"
)

// TestMemos: a memo on each kind of object, its typed text pseudonymized,
// listed by target, kind and words, refused on another project's object
// and to a read-only role; only its author (or an owner) deletes it.
func TestMemos(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann, bo, ole := h.twoProjects()
		h.join("/api/v1/projects/p", ann, "bo@kolding.dk", model.RoleDesigner)
		var ins model.Insight
		h.do("POST", "/api/v1/projects/p/insights", ann, `{"title":"Mad nok","statement":"Hun er bange","note_ids":["1"]}`, &ins)
		var tag model.Tag
		h.do("POST", "/api/v1/projects/p/codebook", ann, `{"name":"Tryghed"}`, &tag)
		var on model.Memo
		code := h.do("POST", "/api/v1/projects/p/memos?target=insight:"+fmt.Sprint(ins.ID), ann, `{"body":"Spørg *datteren*; hun ringer fra 40 12 34 56"}`, &on)
		if code != 201 || on.Target != "insight:"+fmt.Sprint(ins.ID) || on.Author != "Bruger Ø" || on.ID == 0 {
			t.Fatalf("memo on insight: %d %+v", code, on)
		}
		if strings.Contains(on.Body, "40 12 34 56") {
			t.Errorf("typed phone number kept in a memo: %q", on.Body)
		}
		for _, target := range []string{"note:1", "source:1", "tag:" + fmt.Sprint(tag.ID)} {
			if code := h.do("POST", "/api/v1/projects/p/memos", bo, `{"target":"`+target+`","body":"Om `+target+`: køleskabet"}`, nil); code != 201 {
				t.Errorf("memo on %s: %d", target, code)
			}
		}
		for _, c := range []struct {
			tok, body string
			want      int
		}{
			{ann, `{"target":"insight:999","body":"x"}`, 404},
			{ann, `{"target":"note:` + fmt.Sprint(firstNoteOf(t, h, bo, "q")) + `","body":"en anden projekts note"}`, 404},
			{ann, `{"target":"kage:1","body":"x"}`, 400},
			{ann, `{"target":"note:1","body":"   "}`, 400},
			{ole, `{"target":"note:1","body":"analytikeren"}`, 403},
		} {
			if code := h.do("POST", "/api/v1/projects/p/memos", c.tok, c.body, nil); code != c.want {
				t.Errorf("POST memos %s: %d, want %d", c.body, code, c.want)
			}
		}
		var page api.Page[model.Memo]
		h.do("GET", "/api/v1/projects/p/memos", ole, "", &page)
		if len(page.Items) != 4 {
			t.Fatalf("all memos: %d, want 4", len(page.Items))
		}
		for q, want := range map[string]int{"target=insight:" + fmt.Sprint(ins.ID): 1, "kind=note": 1, "q=K%C3%B8leskabet": 3, "q=datteren": 1, "kind=tag&q=k%C3%B8leskabet": 1} {
			page = api.Page[model.Memo]{}
			h.do("GET", "/api/v1/projects/p/memos?"+q, ann, "", &page)
			if len(page.Items) != want {
				t.Errorf("memos?%s: %d, want %d", q, len(page.Items), want)
			}
		}
		if code := h.do("GET", "/api/v1/projects/p/memos?target=insight", ann, "", nil); code != 400 {
			t.Errorf("bad target filter: %d", code)
		}
		if code := h.do("DELETE", "/api/v1/projects/p/memos/"+fmt.Sprint(on.ID), bo, "", nil); code != 403 {
			t.Errorf("another designer deletes my memo: %d, want 403", code)
		}
		if code := h.do("DELETE", "/api/v1/projects/q/memos/"+fmt.Sprint(on.ID), bo, "", nil); code != 404 {
			t.Errorf("delete through another project: %d, want 404", code)
		}
		if code := h.do("DELETE", "/api/v1/projects/p/memos/"+fmt.Sprint(on.ID), ann, "", nil); code != 204 {
			t.Errorf("author deletes: %d", code)
		}
		var d model.InsightDetail
		h.do("GET", "/api/v1/projects/p/insights/"+fmt.Sprint(ins.ID), ann, "", &d)
		h.do("POST", "/api/v1/projects/p/memos", ann, `{"target":"insight:`+fmt.Sprint(ins.ID)+`","body":"Nyt notat"}`, nil)
		h.do("GET", "/api/v1/projects/p/insights/"+fmt.Sprint(ins.ID), ann, "", &d)
		if len(d.Memos) != 1 || d.Memos[0].Body != "Nyt notat" {
			t.Errorf("insight detail memos: %+v", d.Memos)
		}
	})
}

func firstNoteOf(t *testing.T, h *harness, tok, slug string) int64 {
	var src struct {
		Items []model.Source `json:"items"`
	}
	h.do("GET", "/api/v1/projects/"+slug+"/sources", tok, "", &src)
	var tr struct {
		Notes []model.Note `json:"notes"`
	}
	h.do("GET", fmt.Sprintf("/api/v1/projects/%s/sources/%d", slug, src.Items[0].ID), tok, "", &tr)
	if len(tr.Notes) == 0 {
		t.Fatalf("no notes in %s", slug)
	}
	return tr.Notes[0].ID
}
