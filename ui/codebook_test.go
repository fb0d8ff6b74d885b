package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/model"
)

func tagByName(t *testing.T, e *env, name string) model.Tag {
	t.Helper()
	tags, err := e.store.Tags(context.Background(), e.proj.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		if tg.Name == name {
			return tg
		}
	}
	t.Fatalf("no tag %q", name)
	return model.Tag{}
}

// TestCodebookPage: the tree with colours and nesting, a case duplicate
// refused next to the field, rename and move, a merge that says what moves
// and moves it, a rule's preview and the rule applied.
func TestCodebookPage(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body := c.get(e.path("/codebook"))
	if code != 200 {
		t.Fatalf("codebook: %d", code)
	}
	lev := tagByName(t, e, "Leveregler")
	for _, want := range []string{`fill="#4a148c"`, "Leveregler", `id="tag-` + fmt.Sprint(lev.ID) + `"`, `<ul class="codetree">`} {
		if !strings.Contains(body, want) {
			t.Errorf("codebook page lacks %q", want)
		}
	}
	// A child is listed inside its parent's item.
	start := strings.Index(body, `id="tag-`+fmt.Sprint(lev.ID)+`"`)
	if child := strings.Index(body[start:], "Tal et sprog"); child < 0 {
		t.Error("a child code is not nested under its parent")
	}
	if regexp.MustCompile(`>1 noter<`).MatchString(body) {
		t.Error(`"1 noter" on the codebook page`)
	}

	code, _, _ = c.post(e.path("/codebook/tags"), url.Values{"csrf_token": {c.csrf}, "name": {"ensomhed i hjemmet"}, "color": {"#123456"}, "parent_id": {fmt.Sprint(lev.ID)}})
	if code != http.StatusSeeOther {
		t.Fatalf("create tag: %d", code)
	}
	code, body, _ = c.post(e.path("/codebook/tags"), url.Values{"csrf_token": {c.csrf}, "name": {"Ensomhed i Hjemmet"}, "color": {"#123456"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="nt-name-err"`) || !strings.Contains(body, "Findes allerede") || !strings.Contains(body, `value="Ensomhed i Hjemmet"`) {
		t.Fatalf("case duplicate: %d, want 422 with the message at the name", code)
	}
	mine := tagByName(t, e, "ensomhed i hjemmet")
	if mine.ParentID == nil || *mine.ParentID != lev.ID || mine.Color != "#123456" {
		t.Fatalf("created tag: %+v", mine)
	}
	code, _, _ = c.post(e.path(fmt.Sprintf("/codebook/%d/edit", mine.ID)), url.Values{"csrf_token": {c.csrf}, "name": {"Alene hjemme"}, "description": {"Bor alene"}, "color": {"#654321"}, "parent_id": {""}})
	if code != http.StatusSeeOther {
		t.Fatalf("edit: %d", code)
	}
	mine = tagByName(t, e, "Alene hjemme")
	if mine.ParentID != nil || mine.Description != "Bor alene" || mine.Color != "#654321" {
		t.Fatalf("after edit: %+v", mine)
	}

	// A rule: preview says what it would tag, then it is added and applied.
	code, body, _ = c.post(e.path(fmt.Sprintf("/codebook/%d/rules", mine.ID)), url.Values{"csrf_token": {c.csrf}, "pattern": {"køleskab"}, "match": {"stem"}, "preview": {"1"}})
	if code != 200 || !strings.Contains(body, "Reglen ville mærke") {
		t.Fatalf("preview: %d", code)
	}
	m := regexp.MustCompile(`Reglen ville mærke (\d+) note`).FindStringSubmatch(body)
	if m == nil || m[1] == "0" {
		t.Fatalf("preview count: %v", m)
	}
	if tagByName(t, e, "Alene hjemme").NoteCount != 0 {
		t.Fatal("a preview tagged notes")
	}
	code, _, _ = c.post(e.path(fmt.Sprintf("/codebook/%d/rules", mine.ID)), url.Values{"csrf_token": {c.csrf}, "pattern": {"køleskab"}, "match": {"stem"}, "apply": {"1"}})
	if code != http.StatusSeeOther {
		t.Fatalf("add rule: %d", code)
	}
	tagged := tagByName(t, e, "Alene hjemme").NoteCount
	if fmt.Sprint(tagged) != m[1] {
		t.Errorf("rule tagged %d notes, preview said %s", tagged, m[1])
	}

	// Merge: the form says what moves; afterwards the target has it.
	_, body = c.get(e.path("/codebook"))
	if !strings.Contains(body, fmt.Sprintf("Fletningen flytter %d noter, 1 regler", tagged)) {
		t.Error("the merge form does not say what moves")
	}
	mad := tagByName(t, e, "Mad og måltider")
	before := mad.NoteCount
	code, _, _ = c.post(e.path(fmt.Sprintf("/codebook/%d/merge", mine.ID)), url.Values{"csrf_token": {c.csrf}, "into": {fmt.Sprint(mad.ID)}})
	if code != http.StatusSeeOther {
		t.Fatalf("merge: %d", code)
	}
	if after := tagByName(t, e, "Mad og måltider").NoteCount; after < before || after < tagged {
		t.Errorf("after the merge %d notes, before %d + %d", after, before, tagged)
	}

	analyst := e.login(model.RoleAnalyst)
	if _, body := analyst.get(e.path("/codebook")); strings.Contains(body, "Opret kode") || strings.Contains(body, "/merge") {
		t.Error("an analyst sees codebook forms")
	}
}

// TestMemosInTheWebApp: a memo on an insight, a note and a code, the
// invalid one back next to the field, rendered escaped, listed and
// filtered on the memos page, deleted by its author.
func TestMemosInTheWebApp(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleDesigner)
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	in := ins[0]
	sc, _ := e.uc.Enter(ctx, app.Operator(), e.proj.Slug)
	had, _ := e.uc.Memos(ctx, sc, app.MemoQuery{Target: fmt.Sprintf("insight:%d", in.ID)})
	all, _ := e.uc.Memos(ctx, sc, app.MemoQuery{})
	notes, _ := e.uc.Memos(ctx, sc, app.MemoQuery{Kind: "note"})
	path := e.path(fmt.Sprintf("/insights/%d", in.ID))
	code, body, _ := c.post(path+"/memos", url.Values{"csrf_token": {c.csrf}, "body": {"  "}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Skal udfyldes") || !strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("empty memo: %d, want 422 with the message", code)
	}
	code, _, _ = c.post(path+"/memos", url.Values{"csrf_token": {c.csrf}, "body": {"Spørg om *kagedåsen* <script>alert(1)</script>\n\n- køleskab\n- nat"}})
	if code != http.StatusSeeOther {
		t.Fatalf("memo: %d", code)
	}
	_, body = c.get(path)
	for _, want := range []string{"<em>kagedåsen</em>", "&lt;script&gt;", "<li>køleskab</li>", fmt.Sprintf("Memoer (%d)", len(had)+1)} {
		if !strings.Contains(body, want) {
			t.Errorf("insight page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Fatal("raw HTML from a memo reached the page")
	}
	d, _ := e.uc.Insight(ctx, sc, in.ID)
	note := d.Evidence[0]
	code, _, h := c.post(e.path(fmt.Sprintf("/sources/%d/memos", note.SourceID)), url.Values{"csrf_token": {c.csrf}, "target": {fmt.Sprintf("note:%d", note.NoteID)}, "body": {"Nattevagten husker det anderledes"}})
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), fmt.Sprintf("memo-note-%d", note.NoteID)) {
		t.Fatalf("note memo: %d %s", code, h.Get("Location"))
	}
	_, body = c.get(e.path(fmt.Sprintf("/sources/%d", note.SourceID)))
	if !strings.Contains(body, "Nattevagten husker det anderledes") {
		t.Error("the transcript does not show the note's memo")
	}
	mad := tagByName(t, e, "Mad og måltider")
	if code, _, _ := c.post(e.path("/codebook/memos"), url.Values{"csrf_token": {c.csrf}, "target": {fmt.Sprintf("tag:%d", mad.ID)}, "body": {"Koden bruges også om drikke"}}); code != http.StatusSeeOther {
		t.Fatalf("tag memo: %d", code)
	}
	if _, body := c.get(e.path("/codebook")); !strings.Contains(body, "Koden bruges også om drikke") {
		t.Error("the codebook does not show the code's memo")
	}
	analyst := e.login(model.RoleAnalyst)
	_, body = analyst.get(e.path("/memos"))
	if want := fmt.Sprintf("%d memoer", len(all)+3); !strings.Contains(body, want) || strings.Contains(body, "Skriv et memo") {
		t.Errorf("memos page for an analyst: want %q, no form", want)
	}
	_, body = analyst.get(e.path("/memos?kind=note"))
	if want := fmt.Sprintf("%d memoer", len(notes)+1); !strings.Contains(body, want) || !strings.Contains(body, "Nattevagten husker") {
		t.Error("filter by kind")
	}
	_, body = analyst.get(e.path("/memos?q=drikke"))
	if !strings.Contains(body, "1 memo<") || !strings.Contains(body, "Koden bruges") {
		t.Error("filter by words")
	}
	ms, _ := e.uc.Memos(ctx, sc, app.MemoQuery{Target: fmt.Sprintf("insight:%d", in.ID), Text: "kagedåsen"})
	if code, _, _ := c.post(e.path(fmt.Sprintf("/memos/%d/delete", ms[0].ID)), url.Values{"csrf_token": {c.csrf}, "back": {path}}); code != http.StatusSeeOther {
		t.Fatalf("delete: %d", code)
	}
	if _, body := c.get(path); strings.Contains(body, "kagedåsen") {
		t.Error("a deleted memo is still shown")
	}
}

// TestNewProjectCodebookAndSlug: the slug comes from the name when left
// empty, and the codebook starts from the seeds or empty, as chosen.
func TestNewProjectCodebookAndSlug(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, _, h := c.post("/projects", url.Values{"csrf_token": {c.csrf}, "name": {"Ældre på Ørkenvej"}, "slug": {""}, "retention_days": {"365"}, "codebook": {"empty"}})
	if code != http.StatusSeeOther || h.Get("Location") != "/p/aeldre-paa-oerkenvej" {
		t.Fatalf("derived slug: %d %s", code, h.Get("Location"))
	}
	if _, body := c.get("/p/aeldre-paa-oerkenvej/codebook"); !strings.Contains(body, "Kodebogen er tom") {
		t.Error("an empty codebook was asked for")
	}
	code, _, _ = c.post("/projects", url.Values{"csrf_token": {c.csrf}, "name": {"Med frø"}, "slug": {"med-froe"}, "retention_days": {"365"}, "codebook": {"starter"}})
	if code != http.StatusSeeOther {
		t.Fatalf("create: %d", code)
	}
	if _, body := c.get("/p/med-froe/codebook"); !strings.Contains(body, "Leveregler") {
		t.Error("the starter codebook was asked for")
	}
}
