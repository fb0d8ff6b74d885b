package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"indsigt/api"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// parity drives one store through the three adapters: the API and the web
// app in-process on one shell, and the CLI's run as the binary would.
type parity struct {
	t        *testing.T
	ctx      context.Context
	s        *store.Store
	x        *search.Indexer
	srv      *httptest.Server
	db, data string
	token    string       // the designer's API token
	web      *http.Client // the designer signed in to the web app
	csrf     string
}

var parityCSRF = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func newParity(t *testing.T, dialect string) *parity {
	ctx := context.Background()
	db, data := storetest.DSN(t, dialect), t.TempDir()
	s := storetest.OpenAt(t, db, data)
	// The server's index lives apart from the data directory's, which the
	// CLI opens itself.
	st := testkit.New(s, slog.New(slog.DiscardHandler))
	x := testkit.Index(t, s, "", st.Log)
	srv := st.WithIndex(x).Serve(t, true)
	a := st.Auth
	var err error
	p := &parity{t: t, ctx: ctx, s: s, x: x, srv: srv, db: db, data: data}
	for _, u := range []model.User{
		{Email: "ann@kolding.dk", Name: "Ann Designer", Role: model.RoleDesigner},
		{Email: "a1@kolding.dk", Name: "Analytiker Et", Role: model.RoleAnalyst},
		{Email: "a2@kolding.dk", Name: "Analytiker To", Role: model.RoleAnalyst},
		{Email: "a3@kolding.dk", Name: "Analytiker Tre", Role: model.RoleAnalyst},
	} {
		if _, err := a.AddUser(ctx, u, "et-langt-kodeord"); err != nil {
			t.Fatal(err)
		}
	}
	if p.token, err = a.CreateToken(ctx, "ann@kolding.dk", "parity"); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	p.web = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	p.page("GET", "/login", nil, "")
	if code, _ := p.page("POST", "/login", url.Values{"email": {"ann@kolding.dk"}, "password": {"et-langt-kodeord"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", code)
	}
	p.page("GET", "/", nil, "")
	return p
}

// page sends a web-app request (a form when form is set) and keeps the CSRF token it shows.
func (p *parity) page(method, path string, form url.Values, accept string) (int, string) {
	p.t.Helper()
	var body io.Reader
	if form != nil {
		form.Set("csrf_token", p.csrf)
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, p.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return p.send(p.web, req)
}

func (p *parity) send(c *http.Client, req *http.Request) (int, string) {
	p.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := parityCSRF.FindSubmatch(b); m != nil {
		p.csrf = string(m[1])
	}
	return resp.StatusCode, string(b)
}

// call sends an API request with the designer's token and decodes the answer.
func (p *parity) call(method, path, body string, out any) int {
	p.t.Helper()
	req, _ := http.NewRequest(method, p.srv.URL+"/api/v1"+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("Content-Type", "application/json")
	code, b := p.send(http.DefaultClient, req)
	if out != nil && code < 300 {
		if err := json.Unmarshal([]byte(b), out); err != nil {
			p.t.Fatalf("%s %s: %v %s", method, path, err, b)
		}
	}
	if code >= 300 {
		p.t.Fatalf("%s %s: %d %s", method, path, code, b)
	}
	return code
}

// upload sends one file as multipart, to the API or the web app.
func (p *parity) upload(toAPI bool, slug, name, text string) ingest.Result {
	p.t.Helper()
	fields := map[string]string{"csrf_token": p.csrf}
	path, client := "/p/"+slug+"/sources", p.web
	if toAPI {
		fields, path, client = nil, "/api/v1/projects/"+slug+"/sources", http.DefaultClient
	}
	form, contentType := testkit.Multipart(fields, testkit.Text(name, text))
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path, form)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	if toAPI {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	code, body := p.send(client, req)
	var res []ingest.Result
	if toAPI {
		var page api.Page[ingest.Result]
		_ = json.Unmarshal([]byte(body), &page)
		res = page.Items
	} else {
		_ = json.Unmarshal([]byte(body), &res)
	}
	if code >= 300 || len(res) != 1 || res[0].Status != ingest.StatusIngested {
		p.t.Fatalf("upload %s: %d %s", name, code, body)
	}
	return res[0]
}

// cli runs a command (and its subcommand) in-process against the same store.
func (p *parity) cli(command []string, args ...string) string {
	p.t.Helper()
	var out, errb bytes.Buffer
	all := append(append(command, "--data", p.data, "--database="+p.db), args...)
	if code := run(p.ctx, all, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}); code != 0 {
		p.t.Fatalf("indsigt %v: exit %d: %s", all, code, errb.String())
	}
	return out.String()
}

// row is the part of an audit entry that must not depend on the adapter.
type row struct {
	Action, Object, Detail string
	Project                int64
}

// last is the newest audit row of an action in a project (0: outside any).
func (p *parity) last(projectID int64, action string) row {
	p.t.Helper()
	es, err := p.s.AuditLog(p.ctx, projectID, 200)
	if err != nil {
		p.t.Fatal(err)
	}
	for _, e := range es {
		if e.Action == action {
			r := row{Action: e.Action, Object: e.Object, Detail: e.Detail}
			if e.ProjectID != nil {
				r.Project = *e.ProjectID
			}
			return r
		}
	}
	p.t.Fatalf("no %s in the audit log of project %d", action, projectID)
	return row{}
}

func (p *parity) project(slug string) model.Project {
	p.t.Helper()
	pr, err := p.s.ProjectBySlug(p.ctx, slug)
	if err != nil {
		p.t.Fatal(err)
	}
	return pr
}

func (p *parity) user(email string) model.User {
	p.t.Helper()
	u, _, err := p.s.UserByEmail(p.ctx, email)
	if err != nil {
		p.t.Fatal(err)
	}
	return u
}

func (p *parity) notes(projectID int64, sourceID string) []model.Note {
	p.t.Helper()
	id, _ := strconv.ParseInt(sourceID, 10, 64)
	ns, err := p.s.SourceNotes(p.ctx, projectID, id)
	if err != nil || len(ns) == 0 {
		p.t.Fatalf("notes of source %s: %v", sourceID, err)
	}
	return ns
}

func (p *parity) catchUp() {
	p.t.Helper()
	if err := p.x.CatchUp(p.ctx); err != nil {
		p.t.Fatal(err)
	}
}

// same checks that every adapter wrote the expected row.
func same(t *testing.T, action string, got map[string]row, want map[string]row) {
	t.Helper()
	for adapter, w := range want {
		if g := got[adapter]; g != w {
			t.Errorf("%s from the %s: audit row %+v, want %+v", action, adapter, g, w)
		}
	}
}

// TestAuditParity: the same action from the API, the web app and the CLI
// writes the same audit row (action, target format, project).
func TestAuditParity(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) { auditParity(t, dialect) })
	}
}

func auditParity(t *testing.T, dialect string) {
	p := newParity(t, dialect)
	pid := func(pr model.Project) string { return strconv.FormatInt(pr.ID, 10) }

	// project.create
	p.call("POST", "/projects", `{"slug":"fra-api","name":"Fra API","purpose":"Test"}`, nil)
	if code, body := p.page("POST", "/projects", url.Values{"slug": {"fra-web"}, "name": {"Fra web"}, "retention_days": {"30"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("web project create: %d %s", code, body)
	}
	p.cli([]string{"project", "create"}, "--slug", "fra-cli", "--name", "Fra CLI", "--owner", "ann@kolding.dk")
	got, want := map[string]row{}, map[string]row{}
	for adapter, slug := range map[string]string{"api": "fra-api", "web app": "fra-web", "cli": "fra-cli"} {
		pr := p.project(slug)
		got[adapter] = p.last(pr.ID, "project.create")
		want[adapter] = row{Action: "project.create", Object: "project:" + pid(pr), Project: pr.ID}
	}
	same(t, "project.create", got, want)

	// Everything else happens in one project, owned by the designer.
	P := p.project("fra-api")
	slug := P.Slug

	// member.add
	got, want = map[string]row{}, map[string]row{}
	p.call("POST", "/projects/"+slug+"/members", `{"email":"a1@kolding.dk","role":"analyst"}`, nil)
	got["api"] = p.last(P.ID, "member.add")
	if code, body := p.page("POST", "/p/"+slug+"/members", url.Values{"email": {"a2@kolding.dk"}, "role": {"analyst"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("web member add: %d %s", code, body)
	}
	got["web app"] = p.last(P.ID, "member.add")
	p.cli([]string{"member", "add"}, "--project", slug, "--email", "a3@kolding.dk", "--role", "analyst")
	got["cli"] = p.last(P.ID, "member.add")
	for adapter, email := range map[string]string{"api": "a1@kolding.dk", "web app": "a2@kolding.dk", "cli": "a3@kolding.dk"} {
		want[adapter] = row{Action: "member.add", Object: "user:" + strconv.FormatInt(p.user(email).ID, 10), Detail: "analyst", Project: P.ID}
	}
	same(t, "member.add", got, want)

	// source.ingest
	got, want = map[string]row{}, map[string]row{}
	fromAPI := p.upload(true, slug, "api.txt", "Borgeren åbner køleskabet om natten.\n\nHun tæller madpakkerne.")
	got["api"] = p.last(P.ID, "source.ingest")
	fromWeb := p.upload(false, slug, "web.txt", "Borgeren åbner køleskabet igen.\n\nHun er bange for at mangle mad.")
	got["web app"] = p.last(P.ID, "source.ingest")
	file := filepath.Join(t.TempDir(), "cli.txt")
	if err := os.WriteFile(file, []byte("Nattevagten ser hende ved køleskabet.\n\nHun sover bedre med mad på stuen."), 0o600); err != nil {
		t.Fatal(err)
	}
	p.cli([]string{"ingest"}, "--project", slug, file)
	got["cli"] = p.last(P.ID, "source.ingest")
	srcs, _ := p.s.Sources(p.ctx, P.ID, 0, 10)
	cliSource := strconv.FormatInt(srcs[0].ID, 10)
	for adapter, src := range map[string]string{"api": fromAPI.SourceID, "web app": fromWeb.SourceID, "cli": cliSource} {
		want[adapter] = row{Action: "source.ingest", Object: "source:" + src, Detail: "txt, 2 notes", Project: P.ID}
	}
	same(t, "source.ingest", got, want)

	apiNote := p.notes(P.ID, fromAPI.SourceID)[0].ID
	webNote := p.notes(P.ID, fromWeb.SourceID)[0].ID
	noteID := func(id int64) string { return strconv.FormatInt(id, 10) }

	// note.tag of one note, then note.untag
	for _, step := range []struct{ action, apiMethod, apiPath, apiBody, webPath string }{
		{"note.tag", "POST", "/tags", `{"tags":["Tryghed"]}`, "/tags"},
		{"note.untag", "DELETE", "/tags/Tryghed", "", "/untag"},
	} {
		got = map[string]row{}
		p.call(step.apiMethod, "/projects/"+slug+"/notes/"+noteID(apiNote)+step.apiPath, step.apiBody, nil)
		got["api"] = p.last(P.ID, step.action)
		if code, body := p.page("POST", "/p/"+slug+"/notes/"+noteID(webNote)+step.webPath, url.Values{"tag": {"Tryghed"}}, ""); code != http.StatusSeeOther {
			t.Fatalf("web %s: %d %s", step.action, code, body)
		}
		got["web app"] = p.last(P.ID, step.action)
		same(t, step.action, got, map[string]row{
			"api":     {Action: step.action, Object: "note:" + noteID(apiNote), Project: P.ID},
			"web app": {Action: step.action, Object: "note:" + noteID(webNote), Project: P.ID},
		})
	}

	// note.tag of many notes at once
	got = map[string]row{}
	p.call("POST", "/projects/"+slug+"/tags", fmt.Sprintf(`{"tags":["Mad"],"note_ids":["%d","%d"]}`, apiNote, webNote), nil)
	got["api"] = p.last(P.ID, "note.tag")
	if code, body := p.page("POST", "/p/"+slug+"/tags", url.Values{"tag": {"Nat"}, "note_id": {noteID(apiNote), noteID(webNote)}}, ""); code != http.StatusSeeOther {
		t.Fatalf("web bulk tag: %d %s", code, body)
	}
	got["web app"] = p.last(P.ID, "note.tag")
	bulk := row{Action: "note.tag", Object: "notes", Detail: "2 notes", Project: P.ID}
	same(t, "bulk note.tag", got, map[string]row{"api": bulk, "web app": bulk})

	// search
	p.catchUp()
	got = map[string]row{}
	p.call("GET", "/projects/"+slug+"/search?q=k%C3%B8leskabet", "", nil)
	got["api"] = p.last(P.ID, "search")
	// Only the audit row matters here: on PostgreSQL the index may lag
	// behind while other transactions of the cluster are open.
	if code, body := p.page("GET", "/p/"+slug+"/search?q=k%C3%B8leskabet", nil, ""); code != http.StatusOK || !strings.Contains(body, `id="results"`) {
		t.Fatalf("web search: %d", code)
	}
	got["web app"] = p.last(P.ID, "search")
	if out := p.cli([]string{"search"}, "--project", slug, "køleskabet"); !strings.Contains(out, "notes match") {
		t.Fatalf("cli search: %s", out)
	}
	got["cli"] = p.last(P.ID, "search")
	searched := row{Action: "search", Object: "notes", Project: P.ID}
	same(t, "search", got, map[string]row{"api": searched, "web app": searched, "cli": searched})

	// source.read
	got = map[string]row{}
	p.call("GET", "/projects/"+slug+"/sources/"+fromAPI.SourceID, "", nil)
	got["api"] = p.last(P.ID, "source.read")
	if code, _ := p.page("GET", "/p/"+slug+"/sources/"+fromWeb.SourceID, nil, ""); code != http.StatusOK {
		t.Fatalf("web source: %d", code)
	}
	got["web app"] = p.last(P.ID, "source.read")
	same(t, "source.read", got, map[string]row{
		"api":     {Action: "source.read", Object: "source:" + fromAPI.SourceID, Project: P.ID},
		"web app": {Action: "source.read", Object: "source:" + fromWeb.SourceID, Project: P.ID},
	})

	// suggestions.read: the API's /suggestions and the board
	got = map[string]row{}
	p.call("GET", "/projects/"+slug+"/suggestions", "", nil)
	got["api"] = p.last(P.ID, "suggestions.read")
	if code, _ := p.page("GET", "/p/"+slug+"/board", nil, ""); code != http.StatusOK {
		t.Fatalf("board: %d", code)
	}
	got["web app"] = p.last(P.ID, "suggestions.read")
	sugg := row{Action: "suggestions.read", Object: "notes", Project: P.ID}
	same(t, "suggestions.read", got, map[string]row{"api": sugg, "web app": sugg})

	// saved_search.create and saved_search.delete
	var saved store.SavedSearch
	p.call("POST", "/projects/"+slug+"/saved-searches", `{"name":"Fra API","query":"køleskab*"}`, &saved)
	apiCreate := p.last(P.ID, "saved_search.create")
	p.call("DELETE", "/projects/"+slug+"/saved-searches/"+strconv.FormatInt(saved.ID, 10), "", nil)
	apiDelete := p.last(P.ID, "saved_search.delete")
	if code, body := p.page("POST", "/p/"+slug+"/saved-searches", url.Values{"name": {"Fra web"}, "q": {"mad"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("web save search: %d %s", code, body)
	}
	webCreate := p.last(P.ID, "saved_search.create")
	ss, _ := p.s.SavedSearches(p.ctx, P.ID, p.user("ann@kolding.dk").ID)
	if len(ss) != 1 {
		t.Fatalf("saved searches: %+v", ss)
	}
	webID := strconv.FormatInt(ss[0].ID, 10)
	if code, _ := p.page("POST", "/p/"+slug+"/saved-searches/"+webID+"/delete", url.Values{}, ""); code != http.StatusSeeOther {
		t.Fatalf("web delete saved search: %d", code)
	}
	webDelete := p.last(P.ID, "saved_search.delete")
	apiID := strconv.FormatInt(saved.ID, 10)
	same(t, "saved_search.create", map[string]row{"api": apiCreate, "web app": webCreate}, map[string]row{
		"api":     {Action: "saved_search.create", Object: "saved_search:" + apiID, Project: P.ID},
		"web app": {Action: "saved_search.create", Object: "saved_search:" + webID, Project: P.ID},
	})
	same(t, "saved_search.delete", map[string]row{"api": apiDelete, "web app": webDelete}, map[string]row{
		"api":     {Action: "saved_search.delete", Object: "saved_search:" + apiID, Project: P.ID},
		"web app": {Action: "saved_search.delete", Object: "saved_search:" + webID, Project: P.ID},
	})

	// The codebook is edited through the API only; its rows use the same
	// target format.
	var tag model.Tag
	p.call("POST", "/projects/"+slug+"/codebook", `{"name":"Søvn","description":"Om natten","color":"#112233"}`, &tag)
	tagTarget := "tag:" + strconv.FormatInt(tag.ID, 10)
	if r := p.last(P.ID, "tag.create"); r != (row{Action: "tag.create", Object: tagTarget, Project: P.ID}) {
		t.Errorf("tag.create: %+v", r)
	}
	p.call("PATCH", "/projects/"+slug+"/codebook/"+strconv.FormatInt(tag.ID, 10), `{"name":"Søvn og nat"}`, nil)
	if r := p.last(P.ID, "tag.update"); r != (row{Action: "tag.update", Object: tagTarget, Detail: "rename", Project: P.ID}) {
		t.Errorf("tag.update: %+v", r)
	}
}
