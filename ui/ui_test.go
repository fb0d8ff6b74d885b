package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/app"
	"indsigt/auth"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/server"
	"indsigt/store"
	"indsigt/store/storetest"
	"indsigt/ui"
)

// pages are the main pages of the demo project for a role's tour.
func (e *env) pages(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	ins, err := e.store.Insights(ctx, e.proj.ID, "")
	if err != nil || len(ins) == 0 {
		t.Fatalf("insights: %v %d", err, len(ins))
	}
	srcs, err := e.store.Sources(ctx, e.proj.ID, 0, 10)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	out := []string{"/", e.path(""), e.path("/search"), e.path("/search?q=mad"), e.path("/board"), e.path("/progress"), e.path("/reports"),
		e.path("/sources/" + strconv.FormatInt(srcs[0].ID, 10))}
	for _, in := range ins {
		out = append(out, e.path("/insights/"+strconv.FormatInt(in.ID, 10)))
	}
	return out
}

func TestLoginLogout(t *testing.T) {
	e := newEnv(t, false)
	anon := e.client()
	code, _, h := func() (int, string, http.Header) {
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/", nil)
		return anon.do(req)
	}()
	if code != http.StatusSeeOther || h.Get("Location") != "/login" {
		t.Fatalf("/ anonymous: %d %q, want redirect to /login", code, h.Get("Location"))
	}
	if code, _ := anon.get(e.path("")); code != http.StatusSeeOther {
		t.Fatalf("project page anonymous: %d, want 303", code)
	}

	// A wrong password shows the form again with a message and no session.
	anon.get("/login")
	code, body, _ := anon.post("/login", url.Values{"csrf_token": {anon.csrf}, "email": {e.logins[model.RoleDesigner].Email}, "password": {"forkert-kodeord"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "Forkert e-mail eller adgangskode") {
		t.Fatalf("wrong password: %d", code)
	}

	c := e.login(model.RoleDesigner)
	code, body = c.get("/")
	if code != http.StatusOK || !strings.Contains(body, e.proj.Name) || !strings.Contains(body, `<html lang="da">`) {
		t.Fatalf("project list: %d %.200s", code, body)
	}
	for _, c := range c.http.Jar.Cookies(mustURL(e.srv.URL)) {
		if c.Name == "indsigt_session" && c.Value == "" {
			t.Fatal("empty session cookie")
		}
	}
	code, _, h = c.post("/logout", url.Values{"csrf_token": {c.csrf}})
	if code != http.StatusSeeOther || h.Get("Location") != "/login" {
		t.Fatalf("logout: %d %q", code, h.Get("Location"))
	}
	if code, _ := c.get(e.path("")); code != http.StatusSeeOther {
		t.Fatalf("after logout the project answered %d", code)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestSessionCookieFlags(t *testing.T) {
	e := newEnv(t, false)
	c := e.client()
	c.get("/login")
	l := e.logins[model.RoleAnalyst]
	_, _, h := c.post("/login", url.Values{"csrf_token": {c.csrf}, "email": {l.Email}, "password": {l.Password}})
	var found bool
	for _, sc := range h.Values("Set-Cookie") {
		if strings.HasPrefix(sc, "indsigt_session=") {
			found = true
			for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
				if !strings.Contains(sc, want) {
					t.Errorf("session cookie %q lacks %s", sc, want)
				}
			}
		}
	}
	if !found {
		t.Fatal("no session cookie set")
	}
}

func TestCSRFRejected(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleAdmin)
	srcs, _ := e.store.Sources(context.Background(), e.proj.ID, 0, 1)
	notes, _ := e.store.SourceNotes(context.Background(), e.proj.ID, srcs[0].ID)
	nid := strconv.FormatInt(notes[0].ID, 10)
	cases := []struct {
		name string
		path string
		form url.Values
	}{
		{"tag without token", e.path("/notes/" + nid + "/tags"), url.Values{"tag": {"uden-token"}}},
		{"tag with wrong token", e.path("/notes/" + nid + "/tags"), url.Values{"tag": {"forkert-token"}, "csrf_token": {"x" + c.csrf}}},
		{"project without token", "/projects", url.Values{"slug": {"ny"}, "name": {"Ny"}}},
		{"logout without token", "/logout", url.Values{}},
		{"login without cookie token", "/login", url.Values{"email": {"a@b.dk"}, "password": {"x"}, "csrf_token": {"gæt"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, _ := c.post(tc.path, tc.form)
			if code != http.StatusForbidden {
				t.Fatalf("%s: %d, want 403", tc.path, code)
			}
		})
	}
	n, err := e.store.Note(context.Background(), e.proj.ID, notes[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range n.Tags {
		if strings.Contains(tag, "token") {
			t.Fatalf("a rejected request tagged the note: %v", n.Tags)
		}
	}
	// The header that htmx sends is accepted.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+e.path("/notes/"+nid+"/tags"), strings.NewReader("tag=via-htmx"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", c.csrf)
	req.Header.Set("HX-Request", "true")
	code, body, _ := c.do(req)
	if code != http.StatusOK || !strings.Contains(body, "via-htmx") || strings.Contains(body, "<html") {
		t.Fatalf("htmx tag: %d %.300s", code, body)
	}
}

func TestNonMemberGets404(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	outsider, err := e.auth.AddUser(ctx, model.User{Email: "udenfor@kolding.dk", Name: "Ulla Udenfor", Role: model.RoleDesigner}, "hemmeligt-kodeord-1")
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.signIn(outsider.Email, "hemmeligt-kodeord-1")
	for _, p := range e.pages(t)[1:] {
		code, body := c.get(p)
		if code != http.StatusNotFound || !strings.Contains(body, "Siden findes ikke") || strings.Contains(body, e.proj.Name) {
			t.Errorf("%s for a non-member: %d", p, code)
		}
	}
	code, _, _ := c.post(e.path("/tags"), url.Values{"csrf_token": {c.csrf}, "tag": {"x"}, "note_id": {"1"}})
	if code != http.StatusNotFound {
		t.Errorf("POST for a non-member: %d, want 404", code)
	}
	if code, _ := c.get("/p/findes-ikke"); code != http.StatusNotFound {
		t.Errorf("unknown project: %d", code)
	}
}

func TestEveryPageRendersForEachRole(t *testing.T) {
	e := newEnv(t, false)
	pages := e.pages(t)
	type want struct {
		upload, tag, move, indicator, export bool
	}
	roles := map[model.Role]want{
		model.RoleAdmin:    {true, true, true, true, true},
		model.RoleDesigner: {true, true, true, false, true},
		model.RoleLead:     {true, true, true, true, true},
		model.RoleAnalyst:  {false, false, false, false, true},
	}
	for role, w := range roles {
		t.Run(string(role), func(t *testing.T) {
			c := e.login(role)
			all := map[string]string{}
			for _, p := range pages {
				code, body := c.get(p)
				if code != http.StatusOK {
					t.Fatalf("%s: %d %.300s", p, code, body)
				}
				for _, need := range []string{`<html lang="da">`, `href="#main"`, "<h1"} {
					if !strings.Contains(body, need) {
						t.Errorf("%s lacks %s", p, need)
					}
				}
				all[p] = body
			}
			has := func(page, s string) bool { return strings.Contains(all[page], s) }
			check := func(name string, got, want bool) {
				if got != want {
					t.Errorf("%s: shown=%v, want %v", name, got, want)
				}
			}
			check("upload form", has(e.path(""), `enctype="multipart/form-data"`), w.upload)
			check("tag form", has(pages[7], `class="tagform"`), w.tag)
			check("move form", has(pages[8], `id="move-form"`), w.move)
			check("indicator form", has(pages[8], `/indicators"`), w.indicator)
			check("export links", has(e.path("/reports"), "effects.csv"), w.export)
		})
	}
}

func TestPermissionsEnforcedOnPost(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	iid := strconv.FormatInt(ins[0].ID, 10)
	analyst := e.login(model.RoleAnalyst)
	designer := e.login(model.RoleDesigner)
	cases := []struct {
		name string
		c    *client
		path string
		form url.Values
	}{
		{"analyst tags", analyst, e.path("/tags"), url.Values{"tag": {"x"}, "note_id": {"1"}}},
		{"analyst moves phase", analyst, e.path("/insights/" + iid + "/phase"), url.Values{"phase": {"virk"}, "reason": {"fordi"}}},
		{"analyst creates insight", analyst, e.path("/insights"), url.Values{"title": {"x"}}},
		{"designer adds indicator", designer, e.path("/insights/" + iid + "/indicators"), url.Values{"name": {"x"}, "direction": {"up"}, "baseline": {"1"}, "target": {"2"}}},
		{"analyst creates project", analyst, "/projects", url.Values{"slug": {"analyse"}, "name": {"Analyse"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("csrf_token", tc.c.csrf)
			if code, _, _ := tc.c.post(tc.path, tc.form); code != http.StatusForbidden {
				t.Fatalf("%d, want 403", code)
			}
		})
	}
	if after, _ := e.store.Insights(ctx, e.proj.ID, ""); len(after) != len(ins) || after[0].Phase != ins[0].Phase {
		t.Fatal("a forbidden request changed insights")
	}
}

const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `<img src=x onerror=alert(1)>`
)

func upload(t *testing.T, c *client, path, name, content string, extra map[string]string) (int, string) {
	t.Helper()
	code, body, _ := c.do(c.multipart(path, extra, testkit.Text(name, content)))
	return code, body
}

func TestXSSIsShownAsText(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleAdmin)
	content := "Borger-1: Jeg skriver " + xssScript + " i min dagbog om mad og køleskab.\n\nBorger-2: Og jeg skriver " + xssImg + " om mad og køleskab om natten.\n"
	code, body := upload(t, c, e.path("/sources"), xssScript+xssImg+".txt", content, map[string]string{"kind": "interview", "place": xssImg})
	if code != http.StatusOK || !strings.Contains(body, "indlæst") {
		t.Fatalf("upload: %d %.500s", code, body)
	}
	srcs, _ := e.store.Sources(ctx, e.proj.ID, 0, 1)
	src := srcs[0]
	notes, _ := e.store.SourceNotes(ctx, e.proj.ID, src.ID)
	var ids url.Values = url.Values{"csrf_token": {c.csrf}, "tag": {xssImg}}
	for _, n := range notes {
		ids.Add("note_id", strconv.FormatInt(n.ID, 10))
	}
	if code, body, _ := c.post(e.path("/tags"), ids); code != http.StatusSeeOther {
		t.Fatalf("bulk tag: %d %.300s", code, body)
	}
	form := url.Values{"csrf_token": {c.csrf}, "title": {xssScript + " indsigt"}, "statement": {xssImg + " udsagn"}, "note_id": {strconv.FormatInt(notes[0].ID, 10)}}
	code, _, h := c.post(e.path("/insights"), form)
	if code != http.StatusSeeOther {
		t.Fatalf("create insight: %d", code)
	}
	insightPath := h.Get("Location")
	e.catchUp()
	pages := append(e.pages(t), insightPath, e.path("/sources/"+strconv.FormatInt(src.ID, 10)), e.path("/search?q=dagbog"), e.path("/search?like="+strconv.FormatInt(notes[0].ID, 10)),
		e.path("/search?q=k%C3%B8leskab&tag="+url.QueryEscape(xssImg)), e.path("/board?q=k%C3%B8leskab"), e.path("/reports/insights.html"), e.path("/reports/effects.html"))
	for _, p := range pages {
		code, body := c.get(p)
		if code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
			continue
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<img src=\"x\""} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s contains raw %q: …%s…", p, bad, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
	_, body = c.get(e.path("/sources/" + strconv.FormatInt(src.ID, 10)))
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the transcript does not show the markup as text")
	}
	_, body = c.get(e.path("/search?q=dagbog"))
	if !strings.Contains(body, "<mark>") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("search snippet not highlighted and escaped: %.2000s", body)
	}
}

func TestSearchPage(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body := c.get(e.path("/search?q=mad"))
	if code != http.StatusOK {
		t.Fatal(code)
	}
	for _, want := range []string{`aria-live="polite"`, `hx-trigger="keyup changed delay:300ms, search"`, "<mark>", "noter fundet", "Mere som denne", "Kildetype"} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	// htmx asks for the results region only.
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+e.path("/search?q=mad"), nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", "results")
	code, frag, _ := c.do(req)
	if code != http.StatusOK || strings.Contains(frag, "<html") || !strings.Contains(frag, "<mark>") {
		t.Fatalf("fragment: %d %.200s", code, frag)
	}
	// Paging follows next_cursor until the last page.
	seen := 0
	next := e.path("/search?q=mad&limit=2")
	for i := 0; next != "" && i < 50; i++ {
		_, body := c.get(next)
		seen += strings.Count(body, `class="hit"`)
		next = ""
		if i := strings.Index(body, `class="button">Næste side`); i > 0 {
			j := strings.LastIndex(body[:i], `href="`)
			next = strings.ReplaceAll(body[j+6:i-2], "&amp;", "&")
		}
	}
	if seen < 3 {
		t.Errorf("paging saw %d hits", seen)
	}
	// A bad query is explained, not a 500.
	if code, body := c.get(e.path("/search?q=" + strings.Repeat("mad+", 200))); code != http.StatusOK || !strings.Contains(body, "Søgningen kunne ikke udføres") {
		t.Errorf("bad query: %d", code)
	}
}

var boardNoteRE = regexp.MustCompile(`id="bn-(\d+)"`)

func TestJourneyWithoutJavaScript(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleAdmin)
	code, body := c.get(e.path("/board"))
	if code != http.StatusOK || !strings.Contains(body, "Gør til indsigt") {
		t.Fatalf("board: %d", code)
	}
	// Take the first card's notes, as its form would.
	first := body[strings.Index(body, `id="card-0"`):]
	first = first[:strings.Index(first, `id="card-1"`)]
	form := url.Values{"csrf_token": {c.csrf}, "title": {"Borgerne vil have én plan"}, "statement": {"Borgerne forstår ikke deres mange planer."}}
	for _, m := range boardNoteRE.FindAllStringSubmatch(first, -1) {
		form.Add("note_id", m[1])
	}
	if len(form["note_id"]) < 2 {
		t.Fatalf("first card has %d notes", len(form["note_id"]))
	}
	// Moving a note to another card keeps the move in the URL.
	moved := form["note_id"][0]
	_, body = c.get(e.path("/board?m=" + moved + "-1"))
	second := body[strings.Index(body, `id="card-1"`):]
	if !strings.Contains(second, `id="bn-`+moved+`"`) {
		t.Error("the moved note is not on card 1")
	}
	code, _, h := c.post(e.path("/insights"), form)
	if code != http.StatusSeeOther {
		t.Fatalf("create: %d", code)
	}
	// The board is computed again: notes that now back an insight are gone.
	_, body = c.get(e.path("/board"))
	for _, id := range form["note_id"] {
		if strings.Contains(body, `id="bn-`+id+`"`) {
			t.Errorf("note %s still on the board after it became evidence", id)
		}
	}
	lead := e.login(model.RoleLead)
	_, body = lead.get(e.path("/progress"))
	for _, want := range []string{`class="card stuck"`, "Står stille", "Test uden udfald", "Borgerne vil have én plan"} {
		if !strings.Contains(body, want) {
			t.Errorf("progress lacks %q", want)
		}
	}
	ip := h.Get("Location")
	iid := ip[strings.LastIndex(ip, "/")+1:]
	for _, step := range []struct{ phase, reason string }{{"skab", "Vi tester en fælles plan"}, {"virk", "Planen bruges nu"}, {"skab", "Tilbage: ny prototype"}} {
		if code, _, _ := c.post(ip+"/phase", url.Values{"csrf_token": {c.csrf}, "phase": {step.phase}, "reason": {step.reason}}); code != http.StatusSeeOther {
			t.Fatalf("move to %s: %d", step.phase, code)
		}
	}
	if code, _, _ := c.post(ip+"/phase", url.Values{"csrf_token": {c.csrf}, "phase": {"virk"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("a move without reason: %d, want 422 (the page again, with the message next to the field)", code)
	}
	if code, _, _ := c.post(ip+"/tests", url.Values{"csrf_token": {c.csrf}, "title": {"Prototype af én plan"}, "outcome": {"confirmed"}}); code != http.StatusSeeOther {
		t.Fatal("test")
	}
	flip := url.Values{"csrf_token": {c.csrf}, "note_id": {form["note_id"][0]}, "stance": {"contradicts"}}
	if code, _, h := c.post(ip+"/evidence", flip); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), ip) {
		t.Fatalf("flip stance: %d %q", code, h.Get("Location"))
	}
	_, body = c.get(ip)
	if !strings.Contains(body, "Modsiger (1)") || !strings.Contains(body, "Flyt til understøtter") {
		t.Error("the flipped note is not shown as contradicting")
	}
	tests, _ := e.store.Tests(ctx, e.proj.ID, 0)
	var open model.Test
	for _, tt := range tests {
		if tt.Outcome == model.OutcomeOpen {
			open = tt
		}
	}
	if open.ID == 0 {
		t.Fatal("the demo has no open test")
	}
	tp := e.path(fmt.Sprintf("/insights/%d/tests/%d", open.InsightID, open.ID))
	if code, _, _ := c.post(tp, url.Values{"csrf_token": {c.csrf}, "outcome": {"refuted"}, "result": {"Hun stod stadig op"}}); code != http.StatusSeeOther {
		t.Fatal("update test")
	}
	if after, _ := e.store.Tests(ctx, e.proj.ID, open.InsightID); !hasOutcome(after, open.ID, model.OutcomeRefuted) {
		t.Error("the test outcome was not saved")
	}
	if code, _, _ := c.post(ip+"/indicators", url.Values{"csrf_token": {c.csrf}, "name": {"Borgere med én plan"}, "unit": {"%"}, "direction": {"up"}, "baseline": {"10"}, "target": {"80,5"}}); code != http.StatusSeeOther {
		t.Fatal("indicator")
	}
	id, _ := strconv.ParseInt(iid, 10, 64)
	inds, _ := e.store.Indicators(ctx, e.proj.ID, id)
	if len(inds) != 1 || inds[0].Target != 80.5 {
		t.Fatalf("indicators: %+v", inds)
	}
	for i, v := range []string{"20", "35,5", "1.234,5"} {
		form := url.Values{"csrf_token": {c.csrf}, "value": {v}, "measured_at": {fmt.Sprintf("2026-0%d-01", i+1)}}
		if code, _, _ := c.post(e.path(fmt.Sprintf("/indicators/%d/measurements", inds[0].ID)), form); code != http.StatusSeeOther {
			t.Fatalf("measurement %s: %d", v, code)
		}
	}
	_, body = c.get(ip)
	for _, want := range []string{`aria-current="step"`, "Skab/test", "Tilbage: ny prototype", "Virk/effekt → Skab/test", "Prototype af én plan", "Bekræftet",
		`<svg class="chart"`, "1.234,5", "35,5", "LIX", "1. feb. 2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("insight page lacks %q", want)
		}
	}
	code, csv := c.get(e.path("/reports/effects.csv"))
	if code != http.StatusOK || !strings.Contains(csv, "Borgere med én plan") {
		t.Fatalf("effects.csv: %d %.300s", code, csv)
	}
	log, _ := e.store.AuditLog(ctx, e.proj.ID, 50)
	var exported bool
	for _, a := range log {
		exported = exported || a.Action == "report.export"
	}
	if !exported {
		t.Error("the export was not audited")
	}
	for _, f := range []string{"effects.xlsx", "effects.json", "effects.html", "insights.html", "insights.json", "project.qdpx"} {
		if code, body := c.get(e.path("/reports/" + f)); code != http.StatusOK || len(body) < 50 {
			t.Errorf("%s: %d (%d bytes)", f, code, len(body))
		}
	}
	if code, _ := c.get(e.path("/reports/passwords.txt")); code != http.StatusNotFound {
		t.Errorf("unknown report: %d", code)
	}
}

func TestLanguageToggle(t *testing.T) {
	e := newEnv(t, false)
	anon := e.client()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/login", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	_, body, _ := anon.do(req)
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Sign in") {
		t.Fatal("Accept-Language en did not give English")
	}
	c := e.login(model.RoleLead)
	code, _, h := c.post("/lang", url.Values{"csrf_token": {c.csrf}, "lang": {"en"}, "next": {e.path("/progress")}})
	if code != http.StatusSeeOther || h.Get("Location") != e.path("/progress") {
		t.Fatalf("lang: %d %q", code, h.Get("Location"))
	}
	_, body = c.get(e.path("/progress"))
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Work/effect") {
		t.Fatal("the session did not keep English")
	}
	if _, _, h := c.post("/lang", url.Values{"csrf_token": {c.csrf}, "lang": {"da"}, "next": {"//evil.example/"}}); h.Get("Location") != "/" {
		t.Errorf("open redirect: %q", h.Get("Location"))
	}
	_, body = c.get(e.path("/progress?lang=en"))
	if !strings.Contains(body, `<html lang="da">`) {
		t.Error("a GET with ?lang=en changed the language; only POST /lang may")
	}
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t, false)
	c := e.client()
	_, body := c.get("/login")
	for _, name := range []string{"app.css", "app.js", "vendor/htmx.min.js"} {
		i := strings.Index(body, "/static/"+name+"?v=")
		if i < 0 {
			t.Fatalf("login page does not link %s with a version", name)
		}
		u := body[i:]
		u = u[:strings.IndexByte(u, '"')]
		resp, err := http.Get(e.srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q", u, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	for _, bad := range []string{"/static/../ui.go", "/static/nope.js"} {
		if resp, err := http.Get(e.srv.URL + bad); err != nil || resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s answered %v %v", bad, resp.StatusCode, err)
		}
	}
}

func hasOutcome(ts []model.Test, id int64, o model.Outcome) bool {
	for _, t := range ts {
		if t.ID == id {
			return t.Outcome == o
		}
	}
	return false
}

func TestEveryPageRendersInEnglish(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleAdmin)
	c.post("/lang", url.Values{"csrf_token": {c.csrf}, "lang": {"en"}, "next": {"/"}})
	for _, p := range e.pages(t) {
		code, body := c.get(p)
		if code != http.StatusOK || !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Skip to content") {
			t.Errorf("%s in English: %d", p, code)
		}
		if strings.Contains(body, "Spring til indhold") {
			t.Errorf("%s mixes in Danish chrome", p)
		}
	}
}

func TestCookiesSecureBehindHTTPS(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	a := auth.New(s)
	sh := server.New(server.Deps{})
	uc := app.New(app.Deps{Store: s, Auth: a})
	api.Register(sh, api.Deps{App: uc, Auth: a})
	r := sh.Engine
	if err := ui.Register(sh, ui.Deps{App: uc, Auth: a, BaseURL: "https://indsigt.kolding.dk"}); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/login", nil))
	sc := w.Header().Get("Set-Cookie")
	for _, want := range []string{"indsigt_login_csrf=", "Secure", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(sc, want) {
			t.Errorf("cookie %q lacks %s", sc, want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestRegisterNeedsStoreAndAuth(t *testing.T) {
	if err := ui.Register(server.New(server.Deps{}), ui.Deps{}); err == nil {
		t.Fatal("Register without store and auth succeeded")
	}
}

var timeRE = regexp.MustCompile(`<span class="time">\d\d:\d\d</span>`)

func TestTranscriptTimesAndUntag(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	srcs, err := e.store.Sources(ctx, e.proj.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	c := e.login(model.RoleDesigner)
	var timed bool
	for _, s := range srcs {
		_, body := c.get(e.path("/sources/" + strconv.FormatInt(s.ID, 10)))
		timed = timed || timeRE.MatchString(body)
	}
	if !timed {
		t.Error("no transcript shows mm:ss times, though the demo has subtitle files")
	}
	notes, _ := e.store.SourceNotes(ctx, e.proj.ID, srcs[0].ID)
	nid := strconv.FormatInt(notes[0].ID, 10)
	c.post(e.path("/notes/"+nid+"/tags"), url.Values{"csrf_token": {c.csrf}, "tag": {"fjernes"}})
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+e.path("/notes/"+nid+"/untag"), strings.NewReader("tag=fjernes"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", c.csrf)
	req.Header.Set("HX-Request", "true")
	code, frag, _ := c.do(req)
	if code != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(frag), `<li class="note" id="note-`+nid+`"`) || strings.Contains(frag, "fjernes") {
		t.Fatalf("untag fragment: %d %.300s", code, frag)
	}
	n, _ := e.store.Note(ctx, e.proj.ID, notes[0].ID)
	for _, tag := range n.Tags {
		if tag == "fjernes" {
			t.Fatal("the tag is still on the note")
		}
	}
}

// TestOtherProjectsIDs checks that ids of one project cannot be reached
// through the address of another project the user belongs to.
func TestOtherProjectsIDs(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	c := e.login(model.RoleAdmin)
	if code, _, h := c.post("/projects", url.Values{"csrf_token": {c.csrf}, "slug": {"andet"}, "name": {"Andet projekt"}, "purpose": {"Test"}}); code != http.StatusSeeOther || h.Get("Location") != "/p/andet" {
		t.Fatalf("create project: %d %q", code, h.Get("Location"))
	}
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	srcs, _ := e.store.Sources(ctx, e.proj.ID, 0, 1)
	notes, _ := e.store.SourceNotes(ctx, e.proj.ID, srcs[0].ID)
	iid, sid, nid := strconv.FormatInt(ins[0].ID, 10), strconv.FormatInt(srcs[0].ID, 10), strconv.FormatInt(notes[0].ID, 10)
	for _, p := range []string{"/p/andet/insights/" + iid, "/p/andet/sources/" + sid} {
		if code, _ := c.get(p); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	posts := []struct {
		path string
		form url.Values
	}{
		{"/p/andet/notes/" + nid + "/tags", url.Values{"tag": {"lækket"}}},
		{"/p/andet/insights/" + iid + "/phase", url.Values{"phase": {"skab"}, "reason": {"forsøg"}}},
		{"/p/andet/insights", url.Values{"title": {"Stjålet"}, "note_id": {nid}}},
	}
	for _, p := range posts {
		p.form.Set("csrf_token", c.csrf)
		if code, _, _ := c.post(p.path, p.form); code != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", p.path, code)
		}
	}
	if other, _ := e.store.Insights(ctx, mustProjectID(t, e, "andet"), ""); len(other) != 0 {
		t.Errorf("an insight was made from another project's note: %+v", other)
	}
}

func mustProjectID(t *testing.T, e *env, slug string) int64 {
	t.Helper()
	p, err := e.store.ProjectBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func TestUnknownAddress(t *testing.T) {
	e := newEnv(t, false)
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/p/x/findes-ikke", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	code, body, h := e.client().do(req)
	if code != http.StatusNotFound || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(body, "Siden findes ikke") {
		t.Errorf("browser: %d %q", code, h.Get("Content-Type"))
	}
	req, _ = http.NewRequest(http.MethodGet, e.srv.URL+"/api/v1/findes-ikke", nil)
	req.Header.Set("Accept", "text/html")
	code, body, _ = e.client().do(req)
	if code != http.StatusNotFound || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("api: %d %s", code, body)
	}
}
