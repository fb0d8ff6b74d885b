package api_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/model"
)

// TestTagsAreOneCodeWhateverTheCase: "Ensomhed" next to "ensomhed" is a
// 400 naming the field; tagging with either spelling uses the one code,
// a tag filter in any case finds its notes, and QDPX has one code.
func TestTagsAreOneCodeWhateverTheCase(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		tok := h.designerProject()
		h.mustUpload("/api/v1/projects/p/sources", tok, "interview-grethe.txt")
		if code := h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"ensomhed"}`, nil); code != 201 {
			t.Fatalf("create: %d", code)
		}
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Field   string `json:"field"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if code := h.do("POST", "/api/v1/projects/p/codebook", tok, `{"name":"Ensomhed"}`, &e); code != 400 || !strings.Contains(e.Error.Message, "exists") {
			t.Errorf("case duplicate: %d %+v", code, e)
		}
		h.do("POST", "/api/v1/projects/p/notes/1/tags", tok, `{"tags":["ENSOMHED"]}`, nil)
		h.do("POST", "/api/v1/projects/p/tags", tok, `{"tags":["Ensomhed"],"note_ids":["2"]}`, nil)
		var book struct {
			Items []model.Tag `json:"items"`
		}
		h.do("GET", "/api/v1/projects/p/codebook", tok, "", &book)
		if len(book.Items) != 1 || book.Items[0].Name != "ensomhed" || book.Items[0].NoteCount != 2 {
			t.Fatalf("codebook: %+v", book.Items)
		}
		h.catchUp()
		for _, q := range []string{"ensomhed", "Ensomhed", "ENSOMHED"} {
			var found api.SearchAnswer
			h.do("GET", "/api/v1/projects/p/search?tag="+q, tok, "", &found)
			if found.Total != 2 {
				t.Errorf("tag=%s: %d hits, want 2", q, found.Total)
			}
		}
		code, b := h.raw("/api/v1/projects/p/reports/project.qdpx", tok)
		if code != 200 {
			t.Fatalf("qdpx export: %d %s", code, b)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name != "project.qde" {
				continue
			}
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			if n := strings.Count(strings.ToLower(string(x)), `name="ensomhed"`); n != 1 {
				t.Errorf("project.qde has %d codes named ensomhed, want 1", n)
			}
		}
	})
}
