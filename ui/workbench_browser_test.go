package ui_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"indsigt/model"
)

// selectInNote selects word in a note's text with a DOM Range, as a mouse
// drag does, and releases the mouse there; it answers the note's id.
func (p *page) selectInNote(word string) string {
	p.t.Helper()
	var id string
	p.eval("select "+word, `(() => {
		const el = Array.from(document.querySelectorAll(".transcript .note .text")).find(el => el.textContent.includes(`+strconv.Quote(word)+`));
		const node = Array.from(el.childNodes).find(n => n.nodeType === 3 && n.data.includes(`+strconv.Quote(word)+`));
		const i = node.data.indexOf(`+strconv.Quote(word)+`);
		const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + `+strconv.Quote(word)+`.length);
		const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
		el.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
		return el.closest(".note").id;
	})()`, &id)
	return id
}

// formSpan is what a note's highlight form holds.
type formSpan struct {
	Open       bool
	Start, End string
	Quote      string
}

func (p *page) formSpan(note string) formSpan {
	p.t.Helper()
	var f formSpan
	p.eval("highlight form of "+note, `(() => { const f = document.querySelector("#`+note+` .hlform");
		return {open: f.closest("details").open, start: f.elements.start.value, end: f.elements.end.value, quote: f.querySelector(".hl-quote").textContent}; })()`, &f)
	return f
}

// codePoints is the span of word in text, in code points, as the form must say.
func codePoints(text, word string) formSpan {
	i := strings.Index(text, word)
	s := len([]rune(text[:i]))
	return formSpan{Start: strconv.Itoa(s), End: strconv.Itoa(s + len([]rune(word)))}
}

// TestBrowserWorkbenchWalk is the researcher's walk: a span selected with
// the mouse (after an emoji, so UTF-16 and code points differ) and another
// with the keyboard are tagged in the transcript; a search by that tag
// finds both notes with the spans marked; the two checked hits become one
// insight, which gets a memo and moves to Skab/test with a reason; the
// reports page downloads the project as REFI-QDA.
//
// The search step needs the index to carry the highlights' tags (the
// highlights' search branch).
func TestBrowserWorkbenchWalk(t *testing.T) {
	e := newEnv(t, true)
	sid, notes := e.ingestFixture("natlig-mad.txt")
	e.idx.Poke()
	p := newPage(t, e.srv.URL)
	p.signIn(e.logins[model.RoleDesigner])

	// The mouse: a selection in the first note fills its form.
	p.open(e.path("/sources/" + sid))
	note := p.selectInNote("åbner jeg køleskabet")
	want := codePoints(notes[0].Text, "åbner jeg køleskabet")
	if f := p.formSpan(note); !f.Open || f.Start != want.Start || f.End != want.End || !strings.Contains(f.Quote, "«åbner jeg køleskabet»") {
		t.Fatalf("after selecting, the form holds %+v, want %s–%s", f, want.Start, want.End)
	}
	p.check("transcript-selected")
	p.do("tag the selection", chromedp.SendKeys(chromedp.CSS("#"+note+" .hl-tags"), "nattero"), chromedp.Click(chromedp.CSS("#"+note+` .hlform button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#"+note+" mark.hl")))
	if got := p.text("#" + note + " .text mark.hl"); got != "åbner jeg køleskabet" {
		t.Fatalf("marked %q", got)
	}

	// The keyboard: m on the second note selects its first word, the arrow
	// moves on a word, shift+arrow makes it two words longer, Enter goes to
	// the tag field.
	second := "note-" + strconv.FormatInt(notes[1].ID, 10)
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	p.do("select with keys", chromedp.Focus(chromedp.CSS("#"+second)), chromedp.KeyEvent("m"), chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.ArrowRight, shift), chromedp.KeyEvent(kb.ArrowRight, shift))
	want = codePoints(notes[1].Text, "spørger hver aften,")
	if f := p.formSpan(second); f.Start != want.Start || f.End != want.End {
		t.Fatalf("keyboard selection %+v, want %s–%s", f, want.Start, want.End)
	}
	p.do("Enter", chromedp.KeyEvent(kb.Enter))
	var active string
	p.eval("focus after Enter", `document.activeElement.id`, &active)
	if active != "hl-tags-"+strconv.FormatInt(notes[1].ID, 10) {
		t.Fatalf("Enter focused %q, want the highlight's tag field", active)
	}
	p.do("tag with keys", chromedp.KeyEvent("nattero\r"), chromedp.WaitVisible(chromedp.CSS("#"+second+" mark.hl")))
	p.check("transcript-highlights")

	// Search by the tag: both notes, their spans marked as the tag's.
	p.open(e.path("/search?q=" + "tag%3Anattero"))
	var marked int
	p.eval("marked spans", `document.querySelectorAll("#results .hit mark.hl-match").length`, &marked)
	if marked != 2 {
		t.Fatalf("tag:nattero shows %d spans marked as the tag's (%s); the index must find notes by their highlights' tags", marked, p.text("#results"))
	}
	p.check("search-tag")

	// Check both hits and make one insight of them.
	p.do("check all", chromedp.Click(chromedp.CSS("#hits-all")))
	if got := p.text(".select-count"); got != "2 valgt" {
		t.Fatalf("count %q", got)
	}
	const title = "Natten går med at tjekke køleskabet"
	p.do("open add selected", chromedp.Click(chromedp.CSS(`details:has(#hits-insight) > summary`)), chromedp.SendKeys(chromedp.CSS("#ai-title-sel"), title))
	p.submit("insight from checked hits", `#hits-insight button[type="submit"]`)
	if h := p.text("h1"); h != title {
		t.Fatalf("insight h1 %q", h)
	}
	var evidence int
	p.eval("evidence", `document.querySelectorAll('a[href*="/sources/`+sid+`#note-"]').length`, &evidence)
	if evidence < 2 {
		t.Fatalf("the insight cites %d notes of the transcript, want 2", evidence)
	}

	// A memo on the insight, then Skab/test with a reason.
	p.do("memo", chromedp.Click(chromedp.CSS(".memo-new > summary")), chromedp.SendKeys(chromedp.CSS(".memo-new textarea"), "Spørg om *hvorfor* det er om natten"))
	p.submit("save memo", `.memo-new button[type="submit"]`)
	if got := p.text(".memo-body"); !strings.Contains(got, "hvorfor det er om natten") {
		t.Fatalf("memo %q", got)
	}
	const reason = "Vi prøver et eget køleskab med mad til næste dag"
	p.do("choose skab", chromedp.Click(chromedp.CSS(`input[name="phase"][value="skab"]`)), chromedp.SendKeys(chromedp.CSS("#reason"), reason))
	p.submit("move to skab", `#move-form button[type="submit"]`)
	if got := p.text(`[aria-current="step"] .step-name`); got != "Skab/test" || !strings.Contains(p.text(".history"), reason) {
		t.Fatalf("after moving: %q, history %q", got, p.text(".history"))
	}
	p.check("insight-skab")

	// REFI-QDA from the reports page: a real download, a zip with project.qde.
	p.open(e.path("/reports"))
	qdpx := p.download(`a[href$="/reports/project.qdpx"]`)
	z, err := zip.NewReader(bytes.NewReader(qdpx), int64(len(qdpx)))
	if err != nil {
		t.Fatalf("project.qdpx is not a zip: %v", err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if !strings.Contains(strings.Join(names, " "), "project.qde") {
		t.Fatalf("project.qdpx holds %v, no project.qde", names)
	}
}

// download clicks a link that downloads a file and answers the file.
func (p *page) download(sel string) []byte {
	p.t.Helper()
	dir := p.t.TempDir()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	allow := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		events := true
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events})
		return err
	})
	if err := chromedp.Do(ctx, allow, chromedp.Click(chromedp.CSS(sel))); err != nil {
		p.t.Fatalf("download %s: %v", sel, err)
	}
	for ev, err := range progress {
		if err != nil {
			p.t.Fatalf("download %s: %v", sel, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				p.t.Fatal(err)
			}
			return b
		case cdpbrowser.DownloadProgressStateCanceled:
			p.t.Fatalf("download %s canceled", sel)
		}
	}
	p.t.Fatalf("download %s did not finish", sel)
	return nil
}

// TestBrowserSelectAllHits: "Vælg alle" checks every hit on the page, the
// count follows each box, and the checked hits go into one insight.
func TestBrowserSelectAllHits(t *testing.T) {
	e := newEnv(t, true)
	p := newPage(t, e.srv.URL)
	p.signIn(e.logins[model.RoleDesigner])
	p.open(e.path("/search?q=k%C3%B8leskab"))
	var boxes int
	p.eval("hits", `document.querySelectorAll(".hit-select").length`, &boxes)
	if boxes < 3 {
		t.Fatalf("%d selectable hits, want at least 3", boxes)
	}
	if got := p.text(".select-count"); got != "0 valgt" {
		t.Fatalf("count before: %q", got)
	}
	p.do("check all", chromedp.Click(chromedp.CSS("#hits-all")))
	var checked int
	p.eval("checked", `document.querySelectorAll(".hit-select:checked").length`, &checked)
	if got := p.text(".select-count"); checked != boxes || got != strconv.Itoa(boxes)+" valgt" {
		t.Fatalf("after Vælg alle: %d of %d checked, count %q", checked, boxes, got)
	}
	p.do("uncheck one", chromedp.Click(chromedp.CSS(".hit-select")))
	var mixed bool
	p.eval("mixed", `document.getElementById("hits-all").indeterminate && !document.getElementById("hits-all").checked`, &mixed)
	if got := p.text(".select-count"); got != strconv.Itoa(boxes-1)+" valgt" || !mixed {
		t.Fatalf("after unchecking one: count %q, Vælg alle mixed %v", got, mixed)
	}
	p.check("search-selected")
	p.do("add checked", chromedp.Click(chromedp.CSS(`details:has(#hits-insight) > summary`)), chromedp.SendKeys(chromedp.CSS("#ai-title-sel"), "Køleskabet som tryghed"))
	p.submit("insight from checked hits", `#hits-insight button[type="submit"]`)
	sc := e.operator()
	ins, err := e.uc.Insights(context.Background(), sc, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		if in.Title == "Køleskabet som tryghed" {
			d, err := e.uc.Insight(context.Background(), sc, in.ID)
			if err != nil || len(d.Evidence) != boxes-1 {
				t.Fatalf("insight from %d checked hits has %d notes (%v)", boxes-1, len(d.Evidence), err)
			}
			return
		}
	}
	t.Fatal("no insight from the checked hits")
}
