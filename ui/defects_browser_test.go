package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"indsigt/model"
)

// signedIn opens a browser signed in as a designer on a fresh demo server.
func signedIn(t *testing.T) (*page, *env) {
	t.Helper()
	e := newEnv(t, true)
	p := newPage(t, e.srv.URL)
	p.signIn(e.logins[model.RoleDesigner])
	return p, e
}

// TestBrowserMoreLikeThis: "Mere som denne" shows the note it started
// from above the results, and the results use the page's width instead
// of the 15rem facet column (they had 240 px at 1280 px before).
func TestBrowserMoreLikeThis(t *testing.T) {
	p, e := signedIn(t)
	p.open(e.path("/search?q=k%C3%B8leskab"))
	p.do("hits", chromedp.WaitVisible(chromedp.CSS("#results .hit")))
	var ref string
	p.eval("first hit", `document.querySelector("#results .hit .snippet").textContent.trim()`, &ref)
	p.submit("more like this", `#results .hit .meta a[href*="like="]`)
	p.do("like hits", chromedp.WaitVisible(chromedp.CSS("#results .hit")))
	var got struct {
		Ratio float64 `json:"ratio"`
		Ref   string  `json:"ref"`
		Above bool    `json:"above"`
	}
	p.eval("layout", `(() => {
		const main = document.querySelector("main").getBoundingClientRect().width;
		const hits = document.querySelector("#results .hits").getBoundingClientRect();
		const ref = document.querySelector(".like-ref");
		const r = ref ? ref.getBoundingClientRect() : null;
		return {ratio: hits.width / main, ref: ref && r.height > 0 ? ref.innerText : "",
			above: !!r && r.bottom <= hits.top + 1};
	})()`, &got)
	if got.Ratio < 0.6 {
		t.Errorf("results are %.0f%% of the main width, want at least 60%%", 100*got.Ratio)
	}
	if !strings.Contains(strings.Join(strings.Fields(got.Ref), " "), strings.Join(strings.Fields(ref), " ")) || !got.Above {
		t.Errorf("reference note %q not shown above the results (shown: %q, above %v)", ref, got.Ref, got.Above)
	}
	p.check("more-like-this")
}

// TestBrowserBoardKeyboard counts the Tab presses from the board's search
// box to the second card: a card's notes are one stop, their controls
// behind each note's option button (from the top of the page: 59 stops
// before, 15 after, of which 14 were the header's links and the search;
// the header and the notes/highlights switch have grown since, so the
// count starts at the board's own controls). The
// arrows move between a card's notes, "Flyt til" works from the keyboard
// and a note dropped on another card moves there.
func TestBrowserBoardKeyboard(t *testing.T) {
	p, e := signedIn(t)
	p.open(e.path("/board"))
	p.do("board", chromedp.WaitVisible(chromedp.CSS("#card-1")))
	p.check("board-keyboard")
	p.do("search box", chromedp.Focus(chromedp.CSS("#board-q")))
	stops := 0
	var trail []string
	for ; stops < 300; stops++ {
		p.do("tab", chromedp.KeyEvent(kb.Tab))
		var at struct {
			In   bool   `json:"in"`
			What string `json:"what"`
		}
		p.eval("focus", `(() => { const a = document.activeElement;
			return {in: !!a.closest("#card-1"), what: a.tagName + (a.id ? "#" + a.id : "") + ":" + (a.textContent || "").trim().slice(0, 20)}; })()`, &at)
		if at.In {
			break
		}
		trail = append(trail, at.What)
	}
	// The search button, the notes/highlights switch (2), the first card
	// and the second: 5.
	t.Logf("%d tab stops from the board's search to the second card: %q", stops, trail)
	if stops > 5 {
		t.Errorf("%d tab stops from the board's search to the second card, want ≤ 5", stops)
	}

	// Back to the first card: the arrows go from its insight button to
	// its notes and from note to note.
	p.do("back to card 0", chromedp.Focus(chromedp.CSS("#card-0 .make > summary")))
	first := arrowTo(p, "#card-0")
	second := arrowTo(p, "#card-0")
	if second == first {
		t.Fatalf("ArrowDown stayed on %q", first)
	}

	// Enter opens the note's options; "Flyt til" moves it to card 2.
	p.do("open options", chromedp.KeyEvent(kb.Enter))
	id := strings.TrimPrefix(second, "bn-")
	p.do("choose card", chromedp.SetValue(chromedp.CSS("#mv-"+id), id+"-2"))
	p.do("focus move", chromedp.Focus(chromedp.CSS("#"+second+" form.move button")))
	p.submit("move", "#"+second+" form.move button")
	if !onCard(p, second, "#card-2") {
		t.Fatalf("note %s is not on card 2 after Flyt til", second)
	}

	// Drag the first note onto card 1 (the browser's drop event, as a
	// mouse would send it).
	p.eval("drop", `(() => {
		const dt = new DataTransfer();
		dt.setData("text/plain", "`+strings.TrimPrefix(first, "bn-")+`");
		document.querySelector("#card-1 h2").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`, nil)
	p.do("moved by drop", chromedp.WaitVisible(chromedp.CSS("#card-1 #"+first)))
}

// arrowTo presses ArrowDown and returns the id of the card's note that
// has the focus then.
func arrowTo(p *page, card string) string {
	p.t.Helper()
	p.do("arrow down", chromedp.KeyEvent(kb.ArrowDown))
	var id string
	p.eval("focused note", `(document.activeElement.closest("`+card+` .card-note") || {id: ""}).id`, &id)
	if id == "" {
		p.t.Fatalf("ArrowDown left the notes of %s", card)
	}
	return id
}

func onCard(p *page, note, card string) bool {
	var ok bool
	p.eval("where", `!!document.querySelector("`+card+` #`+note+`")`, &ok)
	return ok
}
