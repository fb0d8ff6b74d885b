package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/model"
)

var hitRE = regexp.MustCompile(`name="note_id" value="(\d+)" form="hits-insight"`)

// TestInsightsFromAnywhere: "Ny indsigt" on the overview and the progress
// board (an empty title comes back next to the field), "Tilføj til
// indsigt" on search hits and transcript notes, and checked hits become
// one insight; an analyst sees none of it.
func TestInsightsFromAnywhere(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleDesigner)
	for _, page := range []string{"", "/progress"} {
		code, body := c.get(e.path(page))
		if code != 200 || !strings.Contains(body, "Ny indsigt") || !strings.Contains(body, `action="/p/`+e.proj.Slug+`/insights"`) {
			t.Fatalf("%q: no new-insight form (%d)", page, code)
		}
	}
	code, body, _ := c.post(e.path("/insights"), url.Values{"csrf_token": {c.csrf}, "from": {"progress"}, "title": {" "}, "statement": {"Noget vi så"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Skal udfyldes") || !strings.Contains(body, "Noget vi så") || !strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("empty title: %d, want 422 with the message and the typed statement", code)
	}
	code, _, h := c.post(e.path("/insights"), url.Values{"csrf_token": {c.csrf}, "from": {"overview"}, "title": {"Pårørende vil inddrages"}, "statement": {"De vil spørges før planen"}})
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "/insights/") {
		t.Fatalf("new insight: %d %s", code, h.Get("Location"))
	}
	first, _ := strconv.ParseInt(h.Get("Location")[strings.LastIndex(h.Get("Location"), "/")+1:], 10, 64)

	code, body = c.get(e.path("/search?q=k%C3%B8leskab"))
	hits := hitRE.FindAllStringSubmatch(body, -1)
	if code != 200 || len(hits) < 2 || !strings.Contains(body, "Tilføj til indsigt") || !strings.Contains(body, "Tilføj valgte til indsigt") {
		t.Fatalf("search: %d, %d selectable hits", code, len(hits))
	}
	code, _, h = c.post(e.path("/add-to-insight"), url.Values{"csrf_token": {c.csrf}, "note_id": {hits[0][1], hits[1][1]}, "insight_id": {"new"}, "title": {"Køleskabet om natten"}, "stance": {"supports"}})
	if code != http.StatusSeeOther {
		t.Fatalf("two hits → a new insight: %d", code)
	}
	loc := h.Get("Location")
	id, _ := strconv.ParseInt(loc[strings.LastIndex(loc, "/")+1:], 10, 64)
	sc, err := e.uc.Enter(ctx, app.Operator(), e.proj.Slug)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.uc.Insight(ctx, sc, id)
	if err != nil || d.Title != "Køleskabet om natten" || len(d.Evidence) != 2 {
		t.Fatalf("insight from two hits: %+v %v", d.Insight, err)
	}

	code, body = c.get(e.path("/sources/" + strconv.FormatInt(d.Evidence[0].SourceID, 10)))
	if code != 200 || !strings.Contains(body, "Tilføj til indsigt") || !strings.Contains(body, "Pårørende vil inddrages") {
		t.Fatalf("transcript: %d, no add-to-insight control listing the insights", code)
	}
	nid := strconv.FormatInt(d.Evidence[0].NoteID, 10)
	code, _, h = c.post(e.path("/add-to-insight"), url.Values{"csrf_token": {c.csrf}, "note_id": {nid}, "insight_id": {strconv.FormatInt(first, 10)}, "stance": {"contradicts"}})
	if code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "/insights/"+strconv.FormatInt(first, 10)) {
		t.Fatalf("note → existing insight: %d %s", code, h.Get("Location"))
	}
	d, _ = e.uc.Insight(ctx, sc, first)
	if len(d.Evidence) != 1 || d.Evidence[0].Stance != model.Contradicts {
		t.Fatalf("evidence: %+v", d.Evidence)
	}

	for _, page := range []string{"", "/progress"} {
		if _, body := c.get(e.path(page)); !strings.Contains(body, "1 note som belæg") || strings.Contains(body, "1 noter") {
			t.Errorf("%q: an insight with one note does not say \"1 note som belæg\"", page)
		}
	}

	analyst := e.login(model.RoleAnalyst)
	for _, page := range []string{"", "/progress", "/search?q=k%C3%B8leskab"} {
		if _, body := analyst.get(e.path(page)); strings.Contains(body, "Tilføj til indsigt") || strings.Contains(body, "Ny indsigt") {
			t.Errorf("analyst sees insight controls on %q", page)
		}
	}
	if code, _, _ := analyst.post(e.path("/add-to-insight"), url.Values{"csrf_token": {analyst.csrf}, "note_id": {nid}, "insight_id": {"new"}, "title": {"X"}}); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("analyst add-to-insight: %d", code)
	}
}
