package ui_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/auth/oidctest"
	"indsigt/model"
	"indsigt/server"
	"indsigt/store"
	"indsigt/store/storetest"
	"indsigt/ui"
)

// oidcServer is the web app with sign-in through a provider running in the
// test, both over real HTTP.
func oidcServer(t *testing.T) (*httptest.Server, *oidctest.Provider, *auth.Service) {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	a := auth.New(s)
	p := oidctest.New(t, "indsigt", "klient-hemmelighed")
	p.Users["mette@kolding.dk"] = oidctest.User{Subject: "m-1", Email: "mette@kolding.dk", EmailVerified: true, Name: "Mette Ærø", Groups: []string{"indsigt-design"}}
	p.Users["admin@kolding.dk"] = oidctest.User{Subject: "a-1", Email: "admin@kolding.dk", EmailVerified: true, Name: "Anne Admin", Groups: []string{"indsigt-admin"}}
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cfg, ok, err := auth.OIDCConfigFromEnv(func(k string) string {
		return map[string]string{"INDSIGT_OIDC_ISSUER": p.URL, "INDSIGT_OIDC_CLIENT_ID": "indsigt", "INDSIGT_OIDC_CLIENT_SECRET": "klient-hemmelighed",
			"INDSIGT_OIDC_NAME": "Kolding Kommune", "INDSIGT_OIDC_ROLE_CLAIM": "groups", "INDSIGT_OIDC_ROLE_MAP": "indsigt-design=designer,indsigt-admin=admin",
			"INDSIGT_OIDC_DEFAULT_ROLE": "analyst"}[k]
	}, base)
	if !ok || err != nil {
		t.Fatalf("config: %v %v", ok, err)
	}
	cfg.HTTPClient = p.Client()
	o, err := auth.NewOIDC(ctx, a, cfg)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	sh := server.New(server.Deps{Log: log})
	if err := ui.Register(sh, ui.Deps{App: app.New(app.Deps{Store: s, Auth: a, Log: log}), Auth: a, Log: log, OIDC: o}); err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = sh.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, p, a
}

var (
	oidcStartRE  = regexp.MustCompile(`id="oidc-start" href="([^"]+)"`)
	providerInRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

type oidcBrowser struct {
	t *testing.T
	c *http.Client
}

func newOIDCBrowser(t *testing.T) *oidcBrowser {
	jar, _ := cookiejar.New(nil)
	return &oidcBrowser{t: t, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *oidcBrowser) do(method, u string, form url.Values) (int, string, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	loc := resp.Header.Get("Location")
	if loc != "" && strings.HasPrefix(loc, "/") {
		loc = resp.Request.URL.Scheme + "://" + resp.Request.URL.Host + loc
	}
	return resp.StatusCode, string(out), loc
}

// toProvider clicks the login page's button and returns the provider's URL.
func (b *oidcBrowser) toProvider(base string) string {
	b.t.Helper()
	code, body, _ := b.do("GET", base+"/login", nil)
	m := oidcStartRE.FindStringSubmatch(body)
	if code != 200 || m == nil || !strings.Contains(body, "Log ind med Kolding Kommune") {
		b.t.Fatalf("login page without the provider's button: %d %.600s", code, body)
	}
	code, _, loc := b.do("GET", base+html.UnescapeString(m[1]), nil)
	if code != http.StatusSeeOther || !strings.Contains(loc, "/authorize?") {
		b.t.Fatalf("start: %d %s", code, loc)
	}
	return loc
}

// signInAtProvider fills in the provider's login page and returns the
// callback URL it redirects to.
func (b *oidcBrowser) signInAtProvider(p *oidctest.Provider, authURL, email string) string {
	b.t.Helper()
	code, body, _ := b.do("GET", authURL, nil)
	if code != 200 {
		b.t.Fatalf("provider page: %d %s", code, body)
	}
	form := url.Values{"email": {email}}
	for _, m := range providerInRE.FindAllStringSubmatch(body, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	code, _, loc := b.do("POST", p.URL+"/authorize", form)
	if code != http.StatusFound || !strings.Contains(loc, "/auth/oidc/callback?") {
		b.t.Fatalf("provider sign-in: %d %s", code, loc)
	}
	return loc
}

func TestOIDCSignInEndToEnd(t *testing.T) {
	srv, p, a := oidcServer(t)
	b := newOIDCBrowser(t)
	back := b.signInAtProvider(p, b.toProvider(srv.URL), "mette@kolding.dk")
	code, body, loc := b.do("GET", back, nil)
	if code != http.StatusSeeOther || loc != srv.URL+"/" {
		t.Fatalf("callback: %d %s %.300s", code, loc, body)
	}
	code, body, _ = b.do("GET", srv.URL+"/", nil)
	if code != 200 || !strings.Contains(body, "Mette Ærø") {
		t.Fatalf("signed in: %d %.300s", code, body)
	}
	acc, err := a.Account(context.Background(), "mette@kolding.dk")
	if err != nil || acc.Role != model.RoleDesigner || !acc.OIDC || acc.HasPassword {
		t.Fatalf("account: %+v %v", acc, err)
	}
	// The callback is single-use: replaying it finds no flow.
	if code, _, _ := b.do("GET", back, nil); code != http.StatusUnauthorized {
		t.Errorf("replayed callback: %d", code)
	}
}

func TestOIDCCallbackRefusesAWrongState(t *testing.T) {
	srv, p, _ := oidcServer(t)
	b := newOIDCBrowser(t)
	back := b.signInAtProvider(p, b.toProvider(srv.URL), "mette@kolding.dk")
	u, _ := url.Parse(back)
	q := u.Query()
	q.Set("state", "angriberens-state")
	u.RawQuery = q.Encode()
	code, body, _ := b.do("GET", u.String(), nil)
	if code != http.StatusUnauthorized || !strings.Contains(body, "mislykkedes") {
		t.Fatalf("wrong state: %d %.300s", code, body)
	}
	if code, _, _ := b.do("GET", srv.URL+"/", nil); code != http.StatusSeeOther {
		t.Errorf("signed in after a wrong state: %d", code)
	}
	// Another oidcBrowser with the victim's callback URL has no flow cookie.
	if code, _, _ := newOIDCBrowser(t).do("GET", back, nil); code != http.StatusUnauthorized {
		t.Errorf("callback in another oidcBrowser: %d", code)
	}
	// The provider answering an error is a refused sign-in.
	if code, _, _ := b.do("GET", srv.URL+"/auth/oidc/callback?error=access_denied", nil); code != http.StatusUnauthorized {
		t.Errorf("provider error: %d", code)
	}
}
