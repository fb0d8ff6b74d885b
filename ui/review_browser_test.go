package ui_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"indsigt/ingest"
	"indsigt/model"
)

// TestBrowserReview restores a false alarm and marks a missed nickname from
// the web app: the transcript links to "Mistænkte personoplysninger", the
// original is opened on request, the restore puts it back into the note,
// and a word selected with the mouse is replaced by a code everywhere.
func TestBrowserReview(t *testing.T) {
	e := newEnv(t, true)
	res := e.ingest.File(context.Background(), e.proj, "samtale-kage.txt", []byte("Interviewer: Hvem kom forbi?\n\n"+
		"Karen Hansen: I går kom Zulumbo forbi med kage fra bageren.\n\nInterviewer: Og naboen?\n\n"+
		"Karen Hansen: Vi kalder ham trutmund, han hjælper med havregrødsgryden.\n"), ingest.Options{Kind: "interview", Participants: []string{"Karen Hansen"}})
	if res.Status != ingest.StatusIngested {
		t.Fatalf("%+v", res)
	}
	e.idx.Poke()
	p := newPage(t, e.srv.URL)
	p.signIn(e.logins[model.RoleAdmin])

	p.open(e.path("/sources/" + res.SourceID))
	p.submit("open review", `a[href$="/review"]`)
	if h := p.text("h1"); h != "Mistænkte personoplysninger" {
		t.Fatalf("review h1 %q", h)
	}
	p.check("review")
	var item string
	p.eval("find the suspect", `(Array.from(document.querySelectorAll(".review-item[id]")).find(li => /forbi med kage/.test(li.querySelector(".review-context").textContent)) || {id: ""}).id`, &item)
	if item == "" {
		t.Fatalf("no suspect before \"forbi med kage\": %s", p.text("main"))
	}
	if got := p.text("#" + item + " .review-context"); strings.Contains(got, "Zulumbo") || !strings.Contains(got, "I går kom [") {
		t.Fatalf("context %q", got)
	}
	p.submit("reveal", "#"+item+` form[action$="/original"] button`)
	if got := p.text("#" + item + " .original"); got != "Zulumbo" {
		t.Fatalf("original %q", got)
	}
	p.submit("restore", "#"+item+` form[action$="/restore"] button`)
	if got := p.text("#review-done + ul"); !strings.Contains(got, "Gendannet") {
		t.Fatalf("resolved list %q", got)
	}

	// Select the nickname in its note with the mouse: app.js fills the form.
	var note string
	p.eval("select the nickname", `(() => {
		const p = Array.from(document.querySelectorAll(".review-text")).find(p => p.textContent.includes("trutmund"));
		const node = p.firstChild, i = node.textContent.indexOf("trutmund");
		const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + "trutmund".length);
		const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
		p.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
		return p.closest(".note").id;
	})()`, &note)
	var typed string
	p.eval("mark field", `document.querySelector("#`+note+` .mark-text").value`, &typed)
	if typed != "trutmund" {
		t.Fatalf("the selection filled %q", typed)
	}
	p.do("kind", chromedp.SetValue(chromedp.CSS("#"+note+" select"), "person"))
	p.submit("mark", "#"+note+` .mark-form button[type="submit"]`)
	if got := p.text("#" + note + " .review-text"); strings.Contains(got, "trutmund") || !strings.Contains(got, "kalder ham [Person-") {
		t.Fatalf("after marking the note reads %q", got)
	}
	p.check("review-done")

	p.open(e.path("/sources/" + res.SourceID))
	if got := p.text(".transcript"); !strings.Contains(got, "I går kom Zulumbo forbi") || strings.Contains(got, "trutmund") {
		t.Fatalf("transcript after review: %q", got)
	}
	p.open(e.path("/search?q=trutmund"))
	if got := p.text("main"); strings.Contains(got, "trutmund forbi") || strings.Contains(got, "kalder ham trutmund") {
		t.Fatalf("the search still finds the marked word: %q", got)
	}
}
