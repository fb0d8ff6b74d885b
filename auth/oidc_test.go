package auth_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"indsigt/auth"
	"indsigt/auth/oidctest"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

const redirectURL = "http://indsigt.test/auth/oidc/callback"

func newOIDC(t *testing.T, a *auth.Service, p *oidctest.Provider, mod func(*auth.OIDCConfig)) *auth.OIDC {
	t.Helper()
	cfg := auth.OIDCConfig{Issuer: p.URL, ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: redirectURL,
		Name: "Kolding Kommune", RoleClaim: "groups", DefaultRole: model.RoleAnalyst,
		RoleMap: map[string]model.Role{"indsigt-design": model.RoleDesigner, "indsigt-admin": model.RoleAdmin}, HTTPClient: p.Client()}
	if mod != nil {
		mod(&cfg)
	}
	o, err := auth.NewOIDC(context.Background(), a, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// atProvider plays the browser at the provider: opens its login page at
// the URL Start gave, signs in as email and returns the query of the
// redirect back (code and state, or error).
func atProvider(t *testing.T, p *oidctest.Provider, authURL, email string) url.Values {
	t.Helper()
	c := p.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("provider login page: %d %s", resp.StatusCode, b)
	}
	form := url.Values{"email": {email}}
	for _, m := range hiddenRE.FindAllStringSubmatch(string(b), -1) {
		form.Set(m[1], htmlUnescape(m[2]))
	}
	resp, err = c.PostForm(p.URL+"/authorize", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), redirectURL) {
		t.Fatalf("provider redirect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query()
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestOIDCSignInCreatesMatchesAndMapsRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		p := oidctest.New(t, "indsigt", "klient-hemmelighed")
		p.Users["mette@kolding.dk"] = oidctest.User{Subject: "m-1", Email: "Mette@Kolding.dk", EmailVerified: true, Name: "Mette Ærø", Groups: []string{"alle", "indsigt-design"}}
		p.Users["lars@kolding.dk"] = oidctest.User{Subject: "l-1", Email: "lars@kolding.dk", EmailVerified: true, Name: "Lars"}
		p.Users["ukendt@kolding.dk"] = oidctest.User{Subject: "u-1", Email: "ukendt@kolding.dk", EmailVerified: false, Name: "U"}
		o := newOIDC(t, a, p, nil)
		local, err := a.AddUser(ctx, model.User{Email: "lars@kolding.dk", Name: "Lars L", Role: model.RoleLead}, "lars-eget-kodeord")
		if err != nil {
			t.Fatal(err)
		}

		to, cookie := o.Start("/p/demo")
		for _, want := range []string{"code_challenge_method=S256", "code_challenge=", "nonce=", "state=", "scope=openid"} {
			if !strings.Contains(to, want) {
				t.Errorf("authorization URL lacks %s: %s", want, to)
			}
		}
		q := atProvider(t, p, to, "mette@kolding.dk")
		u, next, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code"))
		if err != nil || next != "/p/demo" || u.Email != "mette@kolding.dk" || u.Role != model.RoleDesigner || u.Name != "Mette Ærø" {
			t.Fatalf("new user: %+v %q %v", u, next, err)
		}
		// Again: the same user, found by subject.
		to, cookie = o.Start("/")
		q = atProvider(t, p, to, "mette@kolding.dk")
		if u2, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); err != nil || u2.ID != u.ID {
			t.Fatalf("second sign-in: %+v %v", u2, err)
		}
		// A local user is matched by e-mail; the default role applies (no mapped group); the password stays.
		to, cookie = o.Start("/")
		q = atProvider(t, p, to, "lars@kolding.dk")
		if u3, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); err != nil || u3.ID != local.ID || u3.Role != model.RoleAnalyst {
			t.Fatalf("matched by e-mail: %+v %v", u3, err)
		}
		if _, err := a.Login(ctx, "lars@kolding.dk", "lars-eget-kodeord"); err != nil {
			t.Errorf("the local password must keep working: %v", err)
		}
		// An unverified e-mail is not trusted.
		to, cookie = o.Start("/")
		q = atProvider(t, p, to, "ukendt@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); !errors.Is(err, auth.ErrOIDCNoEmail) {
			t.Errorf("unverified e-mail: %v", err)
		}
		// Another identity at the provider with a linked user's address is refused.
		p.Users["mette2@kolding.dk"] = oidctest.User{Subject: "m-2", Email: "mette@kolding.dk", EmailVerified: true, Name: "Falsk Mette"}
		to, cookie = o.Start("/")
		q = atProvider(t, p, to, "mette2@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); !errors.Is(err, auth.ErrOIDCSubject) {
			t.Errorf("a second subject for a linked address: %v", err)
		}
		// A disabled user is refused.
		if err := a.SetDisabled(ctx, auth.Operator, u.ID, true); err != nil {
			t.Fatal(err)
		}
		to, cookie = o.Start("/")
		q = atProvider(t, p, to, "mette@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("disabled user: %v", err)
		}
	})
}

func TestOIDCRefusals(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	a := auth.New(s)
	p := oidctest.New(t, "indsigt", "klient-hemmelighed")
	p.Users["mette@kolding.dk"] = oidctest.User{Subject: "m-1", Email: "mette@kolding.dk", EmailVerified: true, Name: "Mette"}
	o := newOIDC(t, a, p, nil)

	cases := []struct {
		name   string
		tamper func(map[string]any)
		// bend changes what the callback gets: cookie, state, code.
		bend func(cookie, state, code string) (string, string, string)
		want error
	}{
		{name: "wrong state", bend: func(c, s, code string) (string, string, string) { return c, "fremmed-state", code }, want: auth.ErrOIDCState},
		{name: "no flow cookie", bend: func(_, s, code string) (string, string, string) { return "", s, code }, want: auth.ErrOIDCFlow},
		{name: "forged flow cookie", bend: func(c, s, code string) (string, string, string) { return c[:len(c)-2] + "xx", s, code }, want: auth.ErrOIDCFlow},
		{name: "wrong nonce", tamper: func(c map[string]any) { c["nonce"] = "en-anden-nonce" }, want: auth.ErrOIDCNonce},
		{name: "wrong issuer", tamper: func(c map[string]any) { c["iss"] = "https://falsk.example" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p.Tamper = c.tamper
			defer func() { p.Tamper = nil }()
			to, cookie := o.Start("/")
			q := atProvider(t, p, to, "mette@kolding.dk")
			ck, st, code := cookie, q.Get("state"), q.Get("code")
			if c.bend != nil {
				ck, st, code = c.bend(ck, st, code)
			}
			u, _, err := o.Finish(ctx, ck, st, code)
			if err == nil {
				t.Fatalf("accepted: %+v", u)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
		})
	}
	t.Run("expired is refused for expiry", func(t *testing.T) {
		p.Tamper = func(c map[string]any) { c["exp"] = time.Now().Add(-time.Minute).Unix() }
		defer func() { p.Tamper = nil }()
		to, cookie := o.Start("/")
		q := atProvider(t, p, to, "mette@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); err == nil || !strings.Contains(err.Error(), "expired") {
			t.Fatalf("expired: %v", err)
		}
	})
	t.Run("wrong audience is refused for the audience", func(t *testing.T) {
		p.Tamper = func(c map[string]any) { c["aud"] = "en-anden-klient" }
		defer func() { p.Tamper = nil }()
		to, cookie := o.Start("/")
		q := atProvider(t, p, to, "mette@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); err == nil || !strings.Contains(err.Error(), "audience") {
			t.Fatalf("audience: %v", err)
		}
	})
	t.Run("a code is useless with another flow's PKCE verifier", func(t *testing.T) {
		toA, _ := o.Start("/")
		_, cookieB := o.Start("/")
		qa := atProvider(t, p, toA, "mette@kolding.dk")
		// The attacker's browser has flow B; it replays A's code with B's state.
		stateB := stateOf(t, o, cookieB)
		if _, _, err := o.Finish(ctx, cookieB, stateB, qa.Get("code")); err == nil || !strings.Contains(err.Error(), "exchange") {
			t.Fatalf("code with another verifier: %v", err)
		}
	})
	t.Run("no role", func(t *testing.T) {
		o := newOIDC(t, a, p, func(c *auth.OIDCConfig) { c.DefaultRole = "" })
		p.Users["ny@kolding.dk"] = oidctest.User{Subject: "n-1", Email: "ny@kolding.dk", EmailVerified: true, Name: "Ny", Groups: []string{"alle"}}
		to, cookie := o.Start("/")
		q := atProvider(t, p, to, "ny@kolding.dk")
		if _, _, err := o.Finish(ctx, cookie, q.Get("state"), q.Get("code")); !errors.Is(err, auth.ErrOIDCNoRole) {
			t.Fatalf("no role: %v", err)
		}
	})
}

// stateOf runs flow B's authorization request far enough to learn its
// state, as the browser holding cookie B would see it.
func stateOf(t *testing.T, o *auth.OIDC, cookie string) string {
	t.Helper()
	st, ok := auth.FlowStateForTest(o, cookie)
	if !ok {
		t.Fatal("cannot open the flow cookie")
	}
	return st
}

func TestOIDCConfigFromEnv(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	if _, ok, err := auth.OIDCConfigFromEnv(get, "https://indsigt.kolding.dk"); ok || err != nil {
		t.Fatalf("unset: %v %v", ok, err)
	}
	env["INDSIGT_OIDC_ISSUER"] = "https://login.kolding.dk"
	if _, _, err := auth.OIDCConfigFromEnv(get, "https://indsigt.kolding.dk"); err == nil {
		t.Fatal("issuer without client")
	}
	env["INDSIGT_OIDC_CLIENT_ID"], env["INDSIGT_OIDC_CLIENT_SECRET"] = "indsigt", "hemmelig"
	env["INDSIGT_OIDC_ROLE_MAP"] = "indsigt-admin=admin, indsigt-design=designer"
	env["INDSIGT_OIDC_DEFAULT_ROLE"] = "analyst"
	cfg, ok, err := auth.OIDCConfigFromEnv(get, "https://indsigt.kolding.dk/")
	if !ok || err != nil || cfg.RedirectURL != "https://indsigt.kolding.dk/auth/oidc/callback" || cfg.RoleMap["indsigt-design"] != model.RoleDesigner {
		t.Fatalf("config: %+v %v %v", cfg, ok, err)
	}
	if strings.Contains(cfg.Describe(), "hemmelig") {
		t.Error("Describe shows the secret")
	}
	env["INDSIGT_OIDC_ROLE_MAP"] = "indsigt-admin=chef"
	if _, _, err := auth.OIDCConfigFromEnv(get, "https://indsigt.kolding.dk"); err == nil {
		t.Error("unknown role in the map")
	}
}
