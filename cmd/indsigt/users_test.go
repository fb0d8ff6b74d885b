package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"indsigt/store/storetest"
)

var loginCSRFRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn signs in through the login form as a browser would and returns
// the status of the POST (303 on success).
func signIn(t *testing.T, base, email, password string) int {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	csrf := pageCSRF(t, c, base+"/login")
	if csrf == "" {
		t.Fatalf("login form without CSRF token")
	}
	return postLogin(t, c, base, csrf, email, password)
}

// pageCSRF is the CSRF token on the page at url, or "" when it has none.
func pageCSRF(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := loginCSRFRE.FindSubmatch(b)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// postLogin posts the login form with c and returns the answer's status.
func postLogin(t *testing.T, c *http.Client, base, csrf, email, password string) int {
	t.Helper()
	resp, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}, "csrf_token": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

var designerRE = regexp.MustCompile(`(?m)^\s+designer\s+(\S+)\s+(\S+)$`)

// TestDemoDesignerGetsBackInAfterRestart is the demo user who lost the
// printed password: the operator sets a new one, and after a restart the
// designer signs in with it.
func TestDemoDesignerGetsBackInAfterRestart(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			srv := startServer(t, db, data, "--demo")
			out := srv.startupOutput(t)
			m := designerRE.FindStringSubmatch(out)
			if m == nil || !strings.Contains(out, "indsigt user password --email") {
				t.Fatalf("no designer login or recovery hint in:\n%s", out)
			}
			email, oldPW := m[1], m[2]
			if c := signIn(t, srv.url, email, oldPW); c != http.StatusSeeOther {
				t.Fatalf("first sign-in: %d", c)
			}
			srv.stop(t)

			if _, errs, code := cli(t, db, data, "et-helt-nyt-kodeord\n", "user", "password", "--email", email, "--password-stdin"); code != 0 {
				t.Fatalf("user password: %d %s", code, errs)
			}
			if _, _, code := cli(t, db, data, "", "user", "password", "--email", "ingen@kolding.dk", "--password-stdin"); code != 1 {
				t.Errorf("unknown user: exit %d, want 1", code)
			}
			if _, _, code := cli(t, db, data, "", "user", "password"); code != 2 {
				t.Errorf("no --email: exit %d, want 2", code)
			}
			srv = startServer(t, db, data, "--demo")
			if c := signIn(t, srv.url, email, "et-helt-nyt-kodeord"); c != http.StatusSeeOther {
				t.Errorf("sign-in with the new password after restart: %d", c)
			}
			if c := signIn(t, srv.url, email, oldPW); c != http.StatusUnauthorized {
				t.Errorf("sign-in with the old password: %d, want 401", c)
			}

			// A one-time password from the operator works too.
			otp, _, code := cli(t, db, data, "", "user", "password", "--email", email)
			if otp = strings.TrimSpace(otp); code != 0 || len(otp) < 10 || strings.Contains(otp, "\n") {
				t.Fatalf("one-time password: %d %q", code, otp)
			}
			if c := signIn(t, srv.url, email, otp); c != http.StatusSeeOther {
				t.Errorf("sign-in with the one-time password: %d", c)
			}

			// Tokens: list, revoke; a disabled user's token dies at once.
			tok, _, _ := cli(t, db, data, "", "token", "create", "--email", email, "--name", "script")
			tok = strings.TrimSpace(tok)
			if c := get(t, srv.url+"/api/v1/projects", tok); c != 200 {
				t.Fatalf("token: %d", c)
			}
			rtok, _, code := cli(t, db, data, "", "token", "create", "--email", email, "--name", "læser", "--scope", "read", "--expires-days", "30")
			if rtok = strings.TrimSpace(rtok); code != 0 || !strings.HasPrefix(rtok, "ind_") {
				t.Fatalf("read token: %d %q", code, rtok)
			}
			if c := get(t, srv.url+"/api/v1/projects", rtok); c != 200 {
				t.Errorf("read token GET: %d", c)
			}
			if _, _, code := cli(t, db, data, "", "token", "create", "--email", email, "--scope", "admin"); code != 2 {
				t.Errorf("--scope admin: exit %d, want 2", code)
			}
			list, errs, code := cli(t, db, data, "", "token", "list", "--email", email)
			if !strings.Contains(list, "læser") || !strings.Contains(list, "read") {
				t.Errorf("token list lacks the read token: %s", list)
			}
			if code != 0 || !strings.Contains(list, "script") || !strings.Contains(list, "write") {
				t.Fatalf("token list: %d %s %s", code, list, errs)
			}
			if _, errs, code := cli(t, db, data, "", "user", "disable", "--email", email); code != 0 {
				t.Fatalf("disable: %d %s", code, errs)
			}
			if c := get(t, srv.url+"/api/v1/projects", tok); c != 401 {
				t.Errorf("token of a disabled user: %d, want 401", c)
			}
			if c := signIn(t, srv.url, email, otp); c == http.StatusSeeOther {
				t.Errorf("a disabled user signed in")
			}
			if _, _, code := cli(t, db, data, "", "user", "enable", "--email", email); code != 0 {
				t.Fatal("enable")
			}
			tok, _, _ = cli(t, db, data, "", "token", "create", "--email", email, "--name", "igen")
			js, _, _ := cli(t, db, data, "", "token", "list", "--json")
			id := regexp.MustCompile(`"id":"(\d+)"`).FindStringSubmatch(js)
			if id == nil {
				t.Fatalf("token list --json: %s", js)
			}
			if _, errs, code := cli(t, db, data, "", "token", "revoke", "--id", id[1]); code != 0 {
				t.Fatalf("revoke: %d %s", code, errs)
			}
			if c := get(t, srv.url+"/api/v1/projects", strings.TrimSpace(tok)); c != 401 {
				t.Errorf("revoked token: %d, want 401", c)
			}
			if _, _, code := cli(t, db, data, "", "token", "revoke", "--id", id[1]); code != 1 {
				t.Errorf("revoked twice: exit %d, want 1", code)
			}
			srv.stop(t)
		})
	}
}
