package main

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"indsigt/auth/oidctest"
)

var (
	startLinkRE = regexp.MustCompile(`id="oidc-start" href="([^"]+)"`)
	hiddenRE    = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// TestServeSignsInThroughTheIdentityProvider runs the binary configured
// from the environment against a provider running in the test.
func TestServeSignsInThroughTheIdentityProvider(t *testing.T) {
	p := oidctest.New(t, "indsigt", "klient-hemmelighed")
	p.Users["mette@kolding.dk"] = oidctest.User{Subject: "m-1", Email: "mette@kolding.dk", EmailVerified: true, Name: "Mette Ærø", Groups: []string{"indsigt-admin"}}
	data, addr := t.TempDir(), freeAddr(t)
	cmd := exec.Command(binary, "serve", "--addr", addr)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL=",
		"INDSIGT_OIDC_ISSUER="+p.URL, "INDSIGT_OIDC_CLIENT_ID=indsigt", "INDSIGT_OIDC_CLIENT_SECRET=klient-hemmelighed",
		"INDSIGT_OIDC_NAME=Kolding Kommune", "INDSIGT_OIDC_ROLE_CLAIM=groups", "INDSIGT_OIDC_ROLE_MAP=indsigt-admin=admin")
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", logs.String())
		}
	}
	if strings.Contains(logs.String(), "klient-hemmelighed") {
		t.Error("the client secret is in the log")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, u string, form url.Values) (int, string, string) {
		t.Helper()
		var resp *http.Response
		var err error
		if form == nil {
			resp, err = c.Get(u)
		} else {
			resp, err = c.PostForm(u, form)
		}
		if err != nil {
			t.Fatalf("%s %s: %v", method, u, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		loc := resp.Header.Get("Location")
		if strings.HasPrefix(loc, "/") {
			loc = base + loc
		}
		return resp.StatusCode, string(b), loc
	}
	_, body, _ := do("GET", base+"/login", nil)
	m := startLinkRE.FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "Log ind med Kolding Kommune") {
		t.Fatalf("no provider button: %.500s", body)
	}
	code, _, loc := do("GET", base+html.UnescapeString(m[1]), nil)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, p.URL+"/authorize?") || !strings.Contains(loc, url.QueryEscape(base+"/auth/oidc/callback")) {
		t.Fatalf("start: %d %s", code, loc)
	}
	_, body, _ = do("GET", loc, nil)
	form := url.Values{"email": {"mette@kolding.dk"}}
	for _, m := range hiddenRE.FindAllStringSubmatch(body, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	code, _, loc = do("POST", p.URL+"/authorize", form)
	if code != http.StatusFound {
		t.Fatalf("provider: %d", code)
	}
	if code, _, loc = do("GET", loc, nil); code != http.StatusSeeOther || loc != base+"/" {
		t.Fatalf("callback: %d %s\n%s", code, loc, logs.String())
	}
	if code, body, _ := do("GET", base+"/admin/users", nil); code != 200 || !strings.Contains(body, "mette@kolding.dk") {
		t.Fatalf("the provider's admin on the admin page: %d", code)
	}
}
