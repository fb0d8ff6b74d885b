package api_test

import (
	"fmt"
	"testing"

	"indsigt/app"
	"indsigt/model"
)

// TestRulePreviewAndApply: a preview counts what a rule would tag and tags
// nothing; adding it with apply tags those notes; a bad rule is a 400.
func TestRulePreviewAndApply(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.designerProject()
		h.mustUpload("/api/v1/projects/p/sources", tok, "interview-grethe.txt")
		var tag model.Tag
		h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Alene"}`, &tag)
		var pv app.RulePreview
		if code := h.do("GET", "/api/v1/projects/p/codebook/preview?tag=Alene&pattern=*&match=stem", tok, "", &pv); code != 400 {
			t.Errorf("bad pattern: %d", code)
		}
		var all model.Note
		h.do("GET", "/api/v1/projects/p/notes/1", tok, "", &all)
		word := firstWord(all.Text)
		h.do("GET", "/api/v1/projects/p/codebook/preview?tag=Alene&match=stem&pattern="+word, tok, "", &pv)
		if pv.Count == 0 || len(pv.Notes) == 0 {
			t.Fatalf("preview of %q: %+v", word, pv)
		}
		var out struct {
			Tagged int `json:"tagged"`
		}
		if code := h.do("POST", fmt.Sprintf("/api/v1/projects/p/codebook/%d/rules", tag.ID), tok, `{"pattern":"`+word+`","match":"stem","apply":true}`, &out); code != 201 || out.Tagged != pv.Count {
			t.Fatalf("add rule: %d %+v, preview said %d", code, out, pv.Count)
		}
		var book struct {
			Items []model.Tag `json:"items"`
		}
		h.do("GET", "/api/v1/projects/p/codebook", tok, "", &book)
		if book.Items[0].NoteCount != pv.Count {
			t.Errorf("tag has %d notes, preview said %d", book.Items[0].NoteCount, pv.Count)
		}
	})
}

func firstWord(s string) string {
	w := ""
	for _, r := range s {
		if r == ' ' || r == ',' || r == '.' || r == ':' {
			if len([]rune(w)) > 3 {
				return w
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return w
}
