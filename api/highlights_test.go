package api_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/model"
	"indsigt/server"
	"indsigt/store"
)

// spanIn finds the note that a search for word hits first and answers the
// note and the span of word in its text (characters, end exclusive).
func (h *harness) spanIn(tok, project, word string) (note int64, start, end int) {
	h.t.Helper()
	h.catchUp()
	var res api.SearchAnswer
	h.do("GET", "/api/v1/projects/"+project+"/search?q="+url.QueryEscape(word), tok, "", &res)
	if len(res.Items) == 0 {
		h.t.Fatalf("no note has %q", word)
	}
	var n model.Note
	h.do("GET", "/api/v1/projects/"+project+"/notes/"+res.Items[0].NoteID, tok, "", &n)
	start, end, ok := model.FindSpan(n.Text, word)
	if !ok {
		h.t.Fatalf("note %d lacks %q: %q", n.ID, word, n.Text)
	}
	return n.ID, start, end
}

// errField is the field an error answer names.
func (h *harness) errField(method, path, tok, body string) (int, string) {
	h.t.Helper()
	var e server.ErrorBody
	code := h.do(method, path, tok, body, &e)
	return code, e.Error.Field
}

// TestHighlightsThroughTheAPI: create, list, tag, untag and delete
// highlights; their tags find and count the note in the search (also
// after a rebuild), the hit carries the highlight marked as matched, and
// an insight cites a highlight as evidence with its quote.
func TestHighlightsThroughTheAPI(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann, bo, ole := h.twoProjects()
		P := "/api/v1/projects/p"
		note, start, end := h.spanIn(ann, "p", "giver mig ro")
		span := fmt.Sprintf(`"start":%d,"end":%d`, start, end)
		notes := fmt.Sprintf("%s/notes/%d/highlights", P, note)

		var hl model.Highlight
		if code := h.do("POST", notes, ann, `{`+span+`,"tags":["Ensomhed"]}`, &hl); code != 201 || hl.Quote != "giver mig ro" || !slices.Equal(hl.Tags, []string{"Ensomhed"}) {
			t.Fatalf("create: %d %+v", code, hl)
		}
		for _, c := range []struct {
			path, tok, body string
			want            int
			field           string
		}{
			{notes, ann, `{"end":3}`, 400, "start"},
			{notes, ann, `{"start":3}`, 400, "end"},
			{notes, ann, `{"start":3,"end":3}`, 400, "end"},
			{notes, ann, `{"start":-1,"end":3}`, 400, "start"},
			{notes, ann, `{"start":100000,"end":100001}`, 400, "start"},
			{notes, ann, `{` + span + `,"tags":["  "]}`, 400, "tags"},
			{notes, ole, `{` + span + `}`, 403, ""},
			{fmt.Sprintf("%s/notes/%d/highlights", P, firstNoteOf(t, h, bo, "q")), ann, `{"start":0,"end":1}`, 404, ""},
		} {
			if code, field := h.errField("POST", c.path, c.tok, c.body); code != c.want || field != c.field {
				t.Errorf("POST %s %s: %d on %q, want %d on %q", c.path, c.body, code, field, c.want, c.field)
			}
		}
		if code := h.do("POST", fmt.Sprintf("%s/highlights/%d/tags", P, hl.ID), ann, `{"tags":["Tryghed"]}`, &hl); code != 200 || !slices.Equal(hl.Tags, []string{"Ensomhed", "Tryghed"}) {
			t.Fatalf("tag: %d %+v", code, hl)
		}
		for q, want := range map[string]int{"": 1, fmt.Sprintf("note_id=%d", note): 1, "tag=ensomhed": 1, "tag=Mad": 0, fmt.Sprintf("source_id=%d", hl.SourceID): 1, "note_id=999": 0} {
			var page api.Page[model.Highlight]
			if code := h.do("GET", P+"/highlights?"+q, ole, "", &page); code != 200 || len(page.Items) != want {
				t.Errorf("highlights?%s: %d, %d items, want %d", q, code, len(page.Items), want)
			}
		}
		if code, field := h.errField("GET", P+"/highlights?note_id=x", ole, ""); code != 400 || field != "note_id" {
			t.Errorf("bad note_id: %d %q", code, field)
		}
		var audit api.Page[store.AuditEntry]
		h.do("GET", P+"/audit", ann, "", &audit)
		if !slices.ContainsFunc(audit.Items, func(e store.AuditEntry) bool {
			return e.Action == "highlights.read" && e.Object == fmt.Sprintf("source:%d", hl.SourceID)
		}) {
			t.Errorf("reading a source's highlights is not audited: %+v", audit.Items)
		}

		h.searchHighlight(ann, "tag:Ensomhed", note, hl.ID)
		if err := h.x.Rebuild(context.Background()); err != nil {
			t.Fatal(err)
		}
		h.searchHighlight(ann, "tag:tryghed", note, hl.ID) // the codebook's spelling whatever the case

		var ins model.Insight
		if code := h.do("POST", P+"/insights", ann, fmt.Sprintf(`{"title":"Ro","highlight_ids":["%d"]}`, hl.ID), &ins); code != 201 || ins.EvidenceCount != 1 {
			t.Fatalf("insight from a highlight: %d %+v", code, ins)
		}
		ev := h.evidenceOf(ann, ins.ID)
		if ev.HighlightID == nil || *ev.HighlightID != hl.ID || ev.Quote != "giver mig ro" || *ev.Start != start || *ev.End != end || ev.NoteID != note {
			t.Errorf("evidence %+v, want highlight %d", ev, hl.ID)
		}
		evidence := fmt.Sprintf("%s/insights/%d/evidence", P, ins.ID)
		if code, field := h.errField("POST", evidence, ann, fmt.Sprintf(`{"note_id":"%d","highlight_id":"%d"}`, note+1, hl.ID)); code != 400 || field != "highlight_id" {
			t.Errorf("a highlight of another note: %d %q", code, field)
		}
		if code := h.do("POST", evidence, ann, fmt.Sprintf(`{"highlight_id":"%d","stance":"contradicts"}`, hl.ID), nil); code != 201 {
			t.Errorf("evidence by highlight: %d", code)
		}
		if code := h.do("POST", evidence, ann, `{"highlight_id":"999"}`, nil); code != 404 {
			t.Errorf("unknown highlight: %d", code)
		}

		if code := h.do("DELETE", fmt.Sprintf("%s/highlights/%d/tags/ensomhed", P, hl.ID), ann, "", &hl); code != 200 || !slices.Equal(hl.Tags, []string{"Tryghed"}) {
			t.Errorf("untag: %d %+v", code, hl)
		}
		if code := h.do("DELETE", fmt.Sprintf("%s/highlights/%d/tags/Mad", P, hl.ID), ann, "", nil); code != 404 {
			t.Errorf("untag a tag it lacks: %d", code)
		}
		h.catchUp()
		var res api.SearchAnswer
		if h.do("GET", P+"/search?q=tag:Ensomhed", ann, "", &res); res.Total != 0 {
			t.Errorf("untagged highlight still found: %d", res.Total)
		}
		if code := h.do("DELETE", fmt.Sprintf("%s/highlights/%d", P, hl.ID), ann, "", nil); code != 204 {
			t.Errorf("delete: %d", code)
		}
		if ev := h.evidenceOf(ann, ins.ID); ev.HighlightID != nil || ev.NoteID != note || ev.Stance != model.Contradicts {
			t.Errorf("evidence after the highlight went: %+v, want the whole note", ev)
		}
	})
}

// searchHighlight checks that a search finds the note, shows the
// highlight marked as matched, and counts the tag in the facet.
func (h *harness) searchHighlight(tok, q string, note, highlight int64) {
	h.t.Helper()
	h.catchUp()
	var res api.SearchAnswer
	h.do("GET", "/api/v1/projects/p/search?q="+url.QueryEscape(q), tok, "", &res)
	if res.Total != 1 || res.Items[0].NoteID != fmt.Sprint(note) {
		h.t.Fatalf("%s: %+v", q, res)
	}
	it := res.Items[0]
	if len(it.Highlights) != 1 || it.Highlights[0].ID != highlight || !it.Highlights[0].Matched || it.Highlights[0].Quote != "giver mig ro" {
		h.t.Errorf("%s: hit highlights %+v", q, it.Highlights)
	}
	tag := strings.TrimPrefix(q, "tag:")
	if slices.ContainsFunc(it.Tags, func(t string) bool { return strings.EqualFold(t, tag) }) {
		h.t.Errorf("%s: the highlight's tag shown as the note's: %v", q, it.Tags)
	}
	if fs := res.Facets["tags"]; !slices.ContainsFunc(fs, func(f api.FacetAnswer) bool { return strings.EqualFold(f.Term, tag) && f.Count == 1 }) {
		h.t.Errorf("%s: tag facet %+v", q, fs)
	}
}

// evidenceOf answers the one evidence item of an insight.
func (h *harness) evidenceOf(tok string, insight int64) model.Evidence {
	h.t.Helper()
	var d model.InsightDetail
	h.do("GET", fmt.Sprintf("/api/v1/projects/p/insights/%d", insight), tok, "", &d)
	if len(d.Evidence) != 1 {
		h.t.Fatalf("insight %d evidence %+v", insight, d.Evidence)
	}
	return d.Evidence[0]
}

// highlightAll highlights phrase wherever it stands in a source's notes.
func (h *harness) highlightAll(tok, project, source, phrase string) {
	h.t.Helper()
	var tr struct {
		Notes []model.Note `json:"notes"`
	}
	h.do("GET", "/api/v1/projects/"+project+"/sources/"+source, tok, "", &tr)
	for _, n := range tr.Notes {
		if start, end, ok := model.FindSpan(n.Text, phrase); ok {
			body := fmt.Sprintf(`{"start":%d,"end":%d}`, start, end)
			if code := h.do("POST", fmt.Sprintf("/api/v1/projects/%s/notes/%d/highlights", project, n.ID), tok, body, nil); code != 201 {
				h.t.Fatalf("highlight %q: %d", phrase, code)
			}
		}
	}
}

// TestHighlightSuggestions: ?of=highlights clusters the highlighted spans,
// not the notes around them: two themes told by three people become two
// suggestions that carry their highlights.
func TestHighlightSuggestions(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		ann := h.user("ann@kolding.dk", model.RoleDesigner)
		P := h.project(ann, "p", "P")
		people := []struct{ name, food, bus string }{
			{"Karen Hansen", "tomt køleskab og ingen mad om aftenen", "bussen kører ikke til lægen om morgenen"},
			{"Ole Bak", "køleskabet er tomt og ingen mad til aften", "ingen bus til lægen om morgenen"},
			{"Lis Holm", "ingen mad i køleskabet om aftenen", "bussen til lægen kører sjældent om morgenen"},
		}
		for i, p := range people {
			text := fmt.Sprintf("Interviewer: Hvordan går det?\n\n%s: Der er %s. Det er svært.\n\n%s: Og %s, siger jeg.\n", p.name, p.food, p.name, p.bus)
			res := h.uploadText(P+"/sources", ann, fmt.Sprintf("samtale-%d.txt", i), text, p.name)
			h.highlightAll(ann, "p", res.SourceID, p.food)
			h.highlightAll(ann, "p", res.SourceID, p.bus)
		}
		var page api.Page[struct {
			Label      []string          `json:"label"`
			Notes      []model.Note      `json:"notes"`
			Highlights []model.Highlight `json:"highlights"`
		}]
		if code := h.do("GET", P+"/suggestions?of=highlights", ann, "", &page); code != 200 || len(page.Items) != 2 {
			t.Fatalf("suggestions of highlights: %d %+v", code, page.Items)
		}
		for _, sg := range page.Items {
			if len(sg.Highlights) != 3 || len(sg.Notes) != 3 {
				t.Errorf("suggestion %v: %d highlights in %d notes, want 3 and 3", sg.Label, len(sg.Highlights), len(sg.Notes))
			}
			theme := sg.Highlights[0].Quote
			for _, hl := range sg.Highlights[1:] {
				if strings.Contains(hl.Quote, "mad") != strings.Contains(theme, "mad") {
					t.Errorf("suggestion %v mixes %q and %q", sg.Label, theme, hl.Quote)
				}
			}
		}
		if code, field := h.errField("GET", P+"/suggestions?of=kage", ann, ""); code != 400 || field != "of" {
			t.Errorf("of=kage: %d %q", code, field)
		}
	})
}
