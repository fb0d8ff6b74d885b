package ui_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"indsigt/demo"
	"indsigt/model"
)

// browser starts Debian's Chromium headless with a fresh profile. A missing
// Chromium fails the test: CI installs it, and a silently skipped browser
// test would hide broken pages. INDSIGT_SKIP_BROWSER=1 opts out locally.
func browser(t *testing.T) context.Context {
	t.Helper()
	if os.Getenv("INDSIGT_SKIP_BROWSER") == "1" {
		t.Skip("INDSIGT_SKIP_BROWSER=1")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium not found (apt-get install -y chromium, or set INDSIGT_SKIP_BROWSER=1): %v", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("lang", "da-DK"), chromedp.Flag("accept-lang", "da-DK,da"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// page is one browser tab in a test, with helpers that fail the test.
type page struct {
	t   *testing.T
	ctx context.Context
	axe string
	url string
}

// newPage opens a tab in a fresh browser on the server at url, with
// axe-core ready for check.
func newPage(t *testing.T, url string) *page {
	t.Helper()
	ctx := browser(t)
	axeJS, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return &page{t: t, ctx: ctx, axe: string(axeJS), url: url}
}

// signIn signs in from the home page as l.
func (p *page) signIn(l demo.Login) {
	p.t.Helper()
	p.open("/")
	p.login(l)
}

// login fills in and sends the login form the page shows.
func (p *page) login(l demo.Login) {
	p.t.Helper()
	p.do("type login", chromedp.SendKeys(chromedp.CSS("#email"), l.Email), chromedp.SendKeys(chromedp.CSS("#password"), l.Password))
	p.submit("login", `main form button[type="submit"]`)
}

func (p *page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// submit clicks a button that sends a form and waits for the next page.
func (p *page) submit(what, sel string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	if resp.Status >= 400 {
		p.t.Fatalf("%s: status %d", what, resp.Status)
	}
}

func (p *page) text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (p *page) eval(what, js string, out any) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			p.t.Fatalf("%s: decode %s: %v", what, raw, err)
		}
	}
}

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// check runs axe-core on the page, fails on serious or critical
// violations, checks that nothing carries an inline style (the CSP would
// block it) and saves a full-page screenshot.
func (p *page) check(name string) {
	p.t.Helper()
	p.eval("inject axe", p.axe+";true", nil)
	var vs []axeViolation
	p.eval("axe.run", `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(" "))})))`, &vs)
	for _, v := range vs {
		p.t.Errorf("axe on %s: %s (%s) %s: %v", name, v.ID, v.Impact, v.Help, v.Targets)
	}
	var styled int
	p.eval("inline styles", `document.querySelectorAll("body [style]").length`, &styled)
	if styled > 0 {
		p.t.Errorf("%s: %d elements with inline style", name, styled)
	}
	var lang string
	p.eval("lang", `document.documentElement.lang`, &lang)
	if lang != "da" {
		p.t.Errorf("%s: html lang %q", name, lang)
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *page) open(path string) {
	p.t.Helper()
	p.do("open "+path, chromedp.Navigate(p.url+path))
}

const interviewA = `Borger-1: Bussen til træningen kommer for sent, så jeg når aldrig opvarmningen med holdet.

Træner-2: Når bussen kommer for sent, mister de unge opvarmningen og lysten til holdet.

Borger-3: Jeg står ved busstoppestedet og venter, og så er opvarmningen med holdet slut.
`

const interviewB = `Borger-4: Holdet starter før bussen kommer, så opvarmningen går tabt hver uge.

Borger-5: Bussen kører for sjældent om aftenen, og holdet venter ikke.
`

func TestBrowserJourney(t *testing.T) {
	e := newEnv(t, true)
	p := newPage(t, e.srv.URL)

	// Sign in.
	p.open("/")
	p.check("login")
	p.login(e.logins[model.RoleAdmin])
	if h := p.text("h1"); h != "Projekter" {
		t.Fatalf("after login h1 = %q", h)
	}
	p.check("projects")

	// Upload two files.
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "bus-interview-1.txt"), filepath.Join(dir, "bus-interview-2.txt")}
	for i, content := range []string{interviewA, interviewB} {
		if err := os.WriteFile(files[i], []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p.open(e.path(""))
	p.check("overview")
	p.do("choose files", chromedp.SetUploadFiles(chromedp.CSS("#file"), files))
	p.do("kind", chromedp.SetValue(chromedp.CSS("#kind"), "interview"))
	p.submit("upload", `#upload-form button[type="submit"]`)
	if got := p.text("#results-h + ul"); strings.Count(got, "indlæst") != 2 {
		t.Fatalf("upload results: %q", got)
	}
	p.check("upload-results")

	// Live search: typing is enough, htmx fetches the results.
	p.open(e.path("/search"))
	p.do("type search", chromedp.SendKeys(chromedp.CSS("#q"), "opvarmningen"), chromedp.WaitVisible(chromedp.CSS("#results .hit mark")))
	if got := p.text("#results .count"); !strings.Contains(got, "noter fundet") {
		t.Fatalf("search count: %q", got)
	}
	if got := p.text("#results .hit mark"); !strings.Contains(strings.ToLower(got), "opvarmning") {
		t.Fatalf("highlight: %q", got)
	}
	p.check("search")

	// Tag a note with the keyboard: j focuses the first note, t its tag field.
	p.submit("open source", `#results .hit .meta a`)
	p.do("tag with keys", chromedp.WaitVisible(chromedp.CSS(".transcript .note")), chromedp.KeyEvent("j"), chromedp.KeyEvent("t"))
	var active string
	p.eval("active element", `document.activeElement.className`, &active)
	if active != "tag-input" {
		t.Fatalf("t focused %q, want the tag field", active)
	}
	p.do("type tag", chromedp.KeyEvent("transport\r"), chromedp.WaitVisible(chromedp.CSS(".transcript .note .chip")))
	if got := p.text(".transcript .note .chip"); !strings.HasPrefix(got, "transport") || strings.HasPrefix(got, "ttransport") {
		t.Fatalf("chip after tagging: %q", got)
	}
	// After tagging the keyboard is back on the note: j moves on and types nothing.
	var focus string
	p.eval("focus after tagging", `document.activeElement.classList.contains("note") ? document.activeElement.id : "not a note: " + document.activeElement.className`, &focus)
	if !strings.HasPrefix(focus, "note-") {
		t.Fatalf("after tagging the focus is %q, want the note", focus)
	}
	// j moves to the next note; on the last note of a transcript (the search
	// hit may be a one-paragraph source) k moves back instead.
	var last bool
	p.eval("is the last note", `(() => { const ns = document.querySelectorAll(".transcript .note"); return ns[ns.length-1] === document.activeElement })()`, &last)
	move := "j"
	if last {
		move = "k"
	}
	var moved string
	// htmx swaps the tagged note in and then focuses it: wait until the
	// focused note is the one in the page, or the key goes to the old one.
	for settled, deadline := false, time.Now().Add(5*time.Second); !settled && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		p.eval("focus settles", `!!(document.activeElement && document.activeElement.isConnected && document.activeElement.classList.contains("note") && !document.querySelector(".htmx-request, .htmx-settling, .htmx-swapping"))`, &settled)
	}
	p.do(move+" after tagging", chromedp.KeyEvent(move))
	p.eval("focus after "+move, `document.activeElement.id + "|" + Array.from(document.querySelectorAll(".tag-input")).map(i => i.value).join("")`, &moved)
	var count int
	p.eval("notes", `document.querySelectorAll(".transcript .note").length`, &count)
	if (count > 1 && strings.HasPrefix(moved, focus+"|")) || strings.Contains(moved, move) {
		t.Fatalf("%s after tagging: %q (was on %s, %d notes)", move, moved, focus, count)
	}
	// Esc leaves the tag field for its note.
	p.do("t then Esc", chromedp.KeyEvent("t"), chromedp.KeyEvent(kb.Escape))
	p.eval("focus after Esc", `document.activeElement.classList.contains("note") ? "note" : document.activeElement.className`, &focus)
	if focus != "note" {
		t.Fatalf("Esc in the tag field left the focus on %q", focus)
	}
	p.check("source")

	// The board suggests a cluster of the bus notes; make it an insight.
	p.open(e.path("/board"))
	p.do("board", chromedp.WaitVisible(chromedp.CSS(".suggestion")))
	p.check("board")
	var card string
	p.eval("find the bus card", `(Array.from(document.querySelectorAll(".suggestion")).find(c => /bus|opvarm/i.test(c.querySelector("h2").textContent)) || {id: ""}).id`, &card)
	if card == "" {
		t.Fatal("the board has no card for the uploaded bus notes")
	}
	key := strings.TrimPrefix(card, "card-")
	title, err := chromedp.Run(p.ctx, chromedp.Value(chromedp.CSS("#title-"+key)))
	if err != nil || title == "" {
		t.Fatalf("prefilled title: %q %v", title, err)
	}
	p.do("open the card's insight form", chromedp.Click(chromedp.CSS("#"+card+" .make > summary")))
	p.submit("make insight", "#make-"+key+` button[type="submit"]`)
	if h := p.text("h1"); h != title {
		t.Fatalf("insight h1 %q, want %q", h, title)
	}
	if got := p.text(`[aria-current="step"] .step-name`); got != "Opdag/forstå" {
		t.Fatalf("new insight in %q", got)
	}

	// Through the three phases, each with a reason.
	for _, step := range []struct{ phase, label, reason string }{
		{"skab", "Skab/test", "Vi prøver en tidligere bus med trafikselskabet"},
		{"virk", "Virk/effekt", "Den tidlige bus kører nu hver træningsdag"},
	} {
		p.do("choose "+step.phase, chromedp.Click(chromedp.CSS(`input[name="phase"][value="`+step.phase+`"]`)),
			chromedp.SendKeys(chromedp.CSS("#reason"), step.reason))
		p.submit("move to "+step.phase, `#move-form button[type="submit"]`)
		if got := p.text(`[aria-current="step"] .step-name`); got != step.label {
			t.Fatalf("after moving: current step %q, want %q", got, step.label)
		}
		if got := p.text(".history"); !strings.Contains(got, step.reason) {
			t.Fatalf("history lacks the reason %q: %q", step.reason, got)
		}
	}

	// An indicator with two measurements, added in place.
	p.do("indicator form", chromedp.SendKeys(chromedp.CSS("#i-name"), "Unge der når opvarmningen"), chromedp.SendKeys(chromedp.CSS("#i-unit"), "%"),
		chromedp.SetValue(chromedp.CSS("#i-dir"), "up"), chromedp.SendKeys(chromedp.CSS("#i-base"), "40"), chromedp.SendKeys(chromedp.CSS("#i-target"), "90"))
	p.submit("add indicator", `#indicators details form button[type="submit"]`)
	for _, m := range []struct{ value, date string }{{"55", "2026-10-01"}, {"72,5", "2026-11-01"}} {
		p.do("measurement", chromedp.SendKeys(chromedp.CSS(`input[id^="m-val-"]`), m.value), chromedp.SetValue(chromedp.CSS(`input[id^="m-date-"]`), m.date))
		p.submit("add measurement", `.indicator form button[type="submit"]`)
	}
	if got := p.text(".indicator table tbody"); !strings.Contains(got, "72,5") || !strings.Contains(got, "1. okt. 2026") {
		t.Fatalf("measurements table: %q", got)
	}
	p.do("chart", chromedp.WaitVisible(chromedp.CSS("svg.chart polyline")))
	p.check("insight")

	p.open(e.path("/progress"))
	p.check("progress")

	// Download the effect CSV from the link, with the session of the page.
	p.open(e.path("/reports"))
	p.check("reports")
	var csv string
	p.eval("fetch csv", `fetch(document.querySelector('a[href$="/reports/effects.csv"]').href).then(r => r.ok ? r.text() : "status " + r.status)`, &csv)
	if !strings.Contains(csv, "Unge der når opvarmningen") || !strings.Contains(csv, "72.5") && !strings.Contains(csv, "72,5") {
		t.Fatalf("effects.csv: %.500s", csv)
	}
}
