package ui_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/model"
	"indsigt/server"
	"indsigt/store"
	"indsigt/store/storetest"
	"indsigt/ui"
)

// Behind https every cookie of the web app has the __Host- prefix (Secure,
// Path=/, no Domain), so a sibling subdomain cannot plant a session or a
// login CSRF cookie.
func TestHostPrefixedCookiesBehindHTTPS(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	a := auth.New(s)
	if _, err := a.AddUser(context.Background(), model.User{Email: "ida@kolding.dk", Name: "Ida", Role: model.RoleDesigner}, "idas-kodeord-her"); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	sh := server.New(server.Deps{Log: log})
	if err := ui.Register(sh, ui.Deps{App: app.New(app.Deps{Store: s, Auth: a, Log: log}), Auth: a, Log: log, BaseURL: "https://indsigt.kolding.dk"}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sh.Handler())
	t.Cleanup(srv.Close)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noFollow.Get(srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var csrf *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-indsigt_login_csrf" {
			csrf = c
		}
	}
	if csrf == nil || !csrf.Secure || csrf.Path != "/" || csrf.Domain != "" {
		t.Fatalf("login CSRF cookie: %v", resp.Header.Values("Set-Cookie"))
	}
	m := csrfRE.FindSubmatch(b)
	if m == nil {
		t.Fatal("no CSRF field")
	}
	form := url.Values{"csrf_token": {string(m[1])}, "email": {"ida@kolding.dk"}, "password": {"idas-kodeord-her"}}
	post := func(cookie string) *http.Response {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", cookie)
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("indsigt_login_csrf=" + csrf.Value); r.StatusCode != http.StatusForbidden {
		t.Errorf("an unprefixed (plantable) CSRF cookie is accepted: %d", r.StatusCode)
	}
	r := post("__Host-indsigt_login_csrf=" + csrf.Value)
	var sess *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "__Host-indsigt_session" && c.Value != "" {
			sess = c
		}
	}
	if r.StatusCode != http.StatusSeeOther || sess == nil || !sess.Secure || !sess.HttpOnly {
		t.Fatalf("login: %d %v", r.StatusCode, r.Header.Values("Set-Cookie"))
	}
	for _, c := range []struct {
		cookie string
		want   int
	}{{"__Host-indsigt_session=" + sess.Value, http.StatusOK}, {"indsigt_session=" + sess.Value, http.StatusSeeOther}} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/account", nil)
		req.Header.Set("Cookie", c.cookie)
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET /account with %.24s…: %d, want %d", c.cookie, resp.StatusCode, c.want)
		}
	}
}
