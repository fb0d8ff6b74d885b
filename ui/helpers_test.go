package ui_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/demo"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// env is a real server: SQLite store, ingest, Bleve index, API and UI,
// loaded with the demo project and its four users.
type env struct {
	t      testing.TB
	srv    *httptest.Server
	store  *store.Store
	auth   *auth.Service
	ingest *ingest.Service
	idx    *search.Indexer
	proj   model.Project
	logins map[model.Role]demo.Login
	uc     *app.App
}

func newEnv(t testing.TB, background bool) *env {
	t.Helper()
	return newEnvOn(t, store.SQLite, background)
}

// newEnvOn is newEnv on a dialect's store (storetest.Dialects).
func newEnvOn(t testing.TB, dialect string, background bool) *env {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, dialect)
	st := testkit.New(s, slog.New(slog.DiscardHandler))
	res, err := demo.Load(ctx, s, st.Auth, st.Ingest)
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	var idx *search.Indexer
	if background {
		idx = testkit.StartIndex(t, s, "", st.Log)
		waitReady(t, idx)
	} else {
		idx = testkit.Index(t, s, "", st.Log)
		if err := idx.CatchUp(ctx); err != nil {
			t.Fatalf("index: %v", err)
		}
	}
	srv := st.WithIndex(idx).Serve(t, true)
	e := &env{t: t, srv: srv, store: s, auth: st.Auth, ingest: st.Ingest, idx: idx, proj: res.Project, logins: map[model.Role]demo.Login{}, uc: st.App}
	for _, l := range res.Logins {
		e.logins[l.Role] = l
	}
	return e
}

func (e *env) catchUp() {
	e.t.Helper()
	if err := e.idx.CatchUp(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// client is a browser without JavaScript: a cookie jar, no redirects followed.
type client struct {
	e    *env
	http *http.Client
	csrf string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.e.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if m := csrfRE.FindStringSubmatch(string(b)); m != nil {
		c.csrf = m[1]
	}
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	code, body, _ := c.do(req)
	return code, body
}

func (c *client) post(path string, form url.Values) (int, string, http.Header) {
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// multipart is a POST of a multipart form: the page's CSRF token, the
// fields and the files.
func (c *client) multipart(path string, fields map[string]string, files ...testkit.File) *http.Request {
	all := map[string]string{"csrf_token": c.csrf}
	maps.Copy(all, fields)
	body, contentType := testkit.Multipart(all, files...)
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, body)
	req.Header.Set("Content-Type", contentType)
	return req
}

// login signs in as the demo user of a role and keeps the session's token.
func (e *env) login(role model.Role) *client {
	e.t.Helper()
	c := e.client()
	l := e.logins[role]
	c.signIn(l.Email, l.Password)
	return c
}

func (c *client) signIn(email, pw string) {
	c.e.t.Helper()
	if code, _ := c.get("/login"); code != http.StatusOK {
		c.e.t.Fatalf("GET /login: %d", code)
	}
	code, body, h := c.post("/login", url.Values{"csrf_token": {c.csrf}, "email": {email}, "password": {pw}})
	if code != http.StatusSeeOther || h.Get("Location") != "/" {
		c.e.t.Fatalf("login %s: %d %s %.300s", email, code, h.Get("Location"), body)
	}
	if code, _ := c.get("/"); code != http.StatusOK {
		c.e.t.Fatalf("GET / after login: %d", code)
	}
}

func (e *env) path(p string) string { return "/p/" + e.proj.Slug + p }

// waitReady waits until the background indexer has caught up with the store.
func waitReady(t testing.TB, idx *search.Indexer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := idx.Ready(context.Background())
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("index not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
