package ui_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
)

// ingestFixture ingests a file of testdata/highlights as an interview and
// answers its source id and notes.
func (e *env) ingestFixture(name string) (string, []model.Note) {
	e.t.Helper()
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join("testdata", "highlights", name))
	if err != nil {
		e.t.Fatal(err)
	}
	res := e.ingest.File(ctx, e.proj, name, b, ingest.Options{Kind: "interview"})
	if res.Status != ingest.StatusIngested {
		e.t.Fatalf("ingest %s: %+v", name, res)
	}
	sid, _ := strconv.ParseInt(res.SourceID, 10, 64)
	notes, err := e.store.SourceNotes(ctx, e.proj.ID, sid)
	if err != nil || len(notes) < 2 {
		e.t.Fatalf("notes of %s: %d %v", name, len(notes), err)
	}
	return res.SourceID, notes
}

// span is the code-point span of word in text, as a highlight counts it.
func span(t *testing.T, text, word string) (string, string) {
	t.Helper()
	i := strings.Index(text, word)
	if i < 0 {
		t.Fatalf("%q not in %q", word, text)
	}
	start := len([]rune(text[:i]))
	return strconv.Itoa(start), strconv.Itoa(start + len([]rune(word)))
}

// postHTMX posts a form the way htmx does: the CSRF token in a header.
func (c *client) postHTMX(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", c.csrf)
	req.Header.Set("HX-Request", "true")
	code, body, _ := c.do(req)
	return code, body
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// renderedText is the text content of a note's text element in a page.
func renderedText(t *testing.T, page string, noteID int64) string {
	t.Helper()
	m := regexp.MustCompile(`<p class="text" id="text-` + strconv.FormatInt(noteID, 10) + `">(.*?)</p>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no text element for note %d", noteID)
	}
	return html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))
}

// TestHighlightsInTranscript tags a span of a note through the form (what
// the page's script fills in from a selection), after an emoji and Danish
// letters, so the offsets are code points; the transcript renders it as a
// mark inside text that still reads as the stored text; a span outside the
// text comes back next to its field in Danish and English; untag, more
// tags and delete answer the note's row to htmx; an analyst may not.
func TestHighlightsInTranscript(t *testing.T) {
	e := newEnv(t, false)
	sid, notes := e.ingestFixture("natlig-mad.txt")
	n := notes[0]
	c := e.login(model.RoleDesigner)
	src := e.path("/sources/" + sid)
	start, end := span(t, n.Text, "åbner jeg køleskabet")
	code, _, h := c.post(src+"/highlights", url.Values{"csrf_token": {c.csrf}, "note_id": {strconv.FormatInt(n.ID, 10)},
		"start": {start}, "end": {end}, "tags": {"nattero, Tryghed"}})
	if code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "#note-"+strconv.FormatInt(n.ID, 10)) {
		t.Fatalf("create: %d %s", code, h.Get("Location"))
	}
	code, page := c.get(src)
	if code != http.StatusOK {
		t.Fatalf("transcript: %d", code)
	}
	if got := renderedText(t, page, n.ID); got != n.Text {
		t.Fatalf("rendered text %q, stored %q", got, n.Text)
	}
	hs, err := e.uc.Highlights(context.Background(), e.operator(), app.HighlightQuery{NoteIDs: []int64{n.ID}})
	if err != nil || len(hs) != 1 || hs[0].Quote != "åbner jeg køleskabet" {
		t.Fatalf("stored highlights %+v %v", hs, err)
	}
	hid := strconv.FormatInt(hs[0].ID, 10)
	if want := `<mark class="hl" data-hl="` + hid + `" title="Tryghed, nattero">åbner jeg køleskabet</mark>`; !strings.Contains(page, want) {
		t.Fatalf("transcript lacks %s: %s", want, between(page, `id="text-`, "</p>"))
	}

	form := url.Values{"note_id": {strconv.FormatInt(n.ID, 10)}, "start": {"0"}, "end": {"100000"}, "tags": {"nattero"}}
	code, frag := c.postHTMX(src+"/highlights", form)
	if code != http.StatusUnprocessableEntity || strings.Contains(frag, "<html") || !strings.Contains(frag, "Markeringen skal slutte efter sin begyndelse") ||
		!strings.Contains(frag, `aria-invalid="true"`) || !strings.Contains(frag, `value="100000"`) {
		t.Fatalf("span past the text: %d %.400s", code, frag)
	}
	form.Set("csrf_token", c.csrf)
	form.Set("start", "først")
	if code, page, _ := c.post(src+"/highlights", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "Skriv tegnets nummer") || !strings.Contains(page, "<html") {
		t.Fatalf("no-JS form with a word for start: %d", code)
	}
	c.post("/lang", url.Values{"csrf_token": {c.csrf}, "lang": {"en"}, "next": {src}})
	form.Set("start", "-1")
	if code, frag := c.postHTMX(src+"/highlights", form); code != http.StatusUnprocessableEntity || !strings.Contains(frag, "The highlight must start inside the note") {
		t.Fatalf("English message: %d %.300s", code, frag)
	}

	code, frag = c.postHTMX(e.path("/highlights/"+hid+"/untag"), url.Values{"tag": {"Tryghed"}})
	if code != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(frag), `<li class="note" id="note-`) || !strings.Contains(frag, `title="nattero">`) || strings.Contains(frag, "Tryghed") {
		t.Fatalf("untag: %d %.300s", code, frag)
	}
	code, frag = c.postHTMX(e.path("/highlights/"+hid+"/tags"), url.Values{"tags": {"ro"}})
	if code != http.StatusOK || !strings.Contains(frag, `title="nattero, ro">`) {
		t.Fatalf("more tags: %d %.300s", code, frag)
	}
	analyst := e.login(model.RoleAnalyst)
	if code, _ := analyst.postHTMX(e.path("/highlights/"+hid+"/delete"), url.Values{"note_id": {strconv.FormatInt(n.ID, 10)}}); code != http.StatusForbidden {
		t.Fatalf("analyst delete: %d", code)
	}
	code, frag = c.postHTMX(e.path("/highlights/"+hid+"/delete"), url.Values{"note_id": {strconv.FormatInt(n.ID, 10)}})
	if code != http.StatusOK || strings.Contains(frag, "<mark") {
		t.Fatalf("delete: %d %.300s", code, frag)
	}
}

// TestSearchShowsHighlights: a hit lists its note's highlights, and when
// the search filters on a tag, the spans with that tag are marked apart.
func TestSearchShowsHighlights(t *testing.T) {
	e := newEnv(t, false)
	_, notes := e.ingestFixture("natlig-mad.txt")
	ctx, sc := context.Background(), e.operator()
	n := notes[0]
	for word, tag := range map[string]string{"åbner jeg køleskabet": "nattero", "tæller maden": "kontrol"} {
		start, end := span(t, n.Text, word)
		s, _ := strconv.Atoi(start)
		en, _ := strconv.Atoi(end)
		if _, err := e.uc.CreateHighlight(ctx, sc, app.NewHighlight{NoteID: n.ID, Start: s, End: en, Tags: []string{tag}}); err != nil {
			t.Fatal(err)
		}
	}
	// The note itself carries the tag, so the search finds it on any branch of the index.
	if _, err := e.uc.TagNote(ctx, sc, n.ID, []string{"nattero"}); err != nil {
		t.Fatal(err)
	}
	e.catchUp()
	c := e.login(model.RoleDesigner)
	_, page := c.get(e.path("/search?q=" + url.QueryEscape("tag:nattero")))
	for _, want := range []string{`<mark class="hl hl-match">åbner jeg køleskabet</mark>`, `<mark class="hl">tæller maden</mark>`, "har søgningens tag"} {
		if !strings.Contains(page, want) {
			t.Errorf("tag search lacks %s", want)
		}
	}
	_, page = c.get(e.path("/search?q=" + url.QueryEscape("køleskabet -tag:nattero") + "&tag=kontrol"))
	if strings.Contains(page, `hl-match">åbner`) {
		t.Error("a negated tag marks its spans")
	}
}

// TestHighlightMemo writes a memo on a highlight from the transcript. The
// memo kind "highlight" comes with the highlights' index and memos branch.
func TestHighlightMemo(t *testing.T) {
	if !slices.Contains(model.MemoKinds, "highlight") {
		t.Skip("memos on highlights are not in model.MemoKinds yet")
	}
	e := newEnv(t, false)
	sid, notes := e.ingestFixture("natlig-mad.txt")
	ctx := context.Background()
	hl, err := e.uc.CreateHighlight(ctx, e.operator(), app.NewHighlight{NoteID: notes[1].ID, Start: 0, End: 3, Tags: []string{"nattero"}})
	if err != nil {
		t.Fatal(err)
	}
	c := e.login(model.RoleDesigner)
	target := "highlight:" + strconv.FormatInt(hl.ID, 10)
	_, page := c.get(e.path("/sources/" + sid))
	if !strings.Contains(page, `name="target" value="`+target+`"`) {
		t.Fatal("no memo form on the highlight")
	}
	code, _, h := c.post(e.path("/sources/"+sid+"/memos"), url.Values{"csrf_token": {c.csrf}, "target": {target}, "body": {"Spørger *hver* aften"}})
	if code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "#memo-highlight-"+strconv.FormatInt(hl.ID, 10)) {
		t.Fatalf("memo on highlight: %d %s", code, h.Get("Location"))
	}
	if _, page = c.get(e.path("/sources/" + sid)); !strings.Contains(between(page, `id="hl-`+strconv.FormatInt(hl.ID, 10)+`"`, "</li>\n</ul>"), "<em>hver</em>") {
		t.Fatal("the memo is not shown on its highlight")
	}
}

// operator is a scope in the env's project that may do anything.
func (e *env) operator() app.Scope {
	e.t.Helper()
	sc, err := e.uc.Enter(context.Background(), app.Operator(), e.proj.Slug)
	if err != nil {
		e.t.Fatal(err)
	}
	return sc
}
