package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOIDCSignIn signs in with Chromium through the in-test
// provider's login page, then checks the account and admin pages with axe.
func TestBrowserOIDCSignIn(t *testing.T) {
	srv, _, _ := oidcServer(t)
	p := newPage(t, srv.URL)
	p.open("/login")
	p.check("login-oidc")
	if b := p.text("#oidc-start"); b != "Log ind med Kolding Kommune" {
		t.Fatalf("button: %q", b)
	}
	p.submit("to the provider", "#oidc-start")
	if got := p.text("title"); !strings.Contains(got, "Kommunens login") {
		t.Fatalf("not at the provider: %q", got)
	}
	p.do("type e-mail", chromedp.SendKeys(chromedp.CSS("#email"), "admin@kolding.dk"))
	p.submit("sign in at the provider", `button[type="submit"]`)
	if h := p.text("h1"); h != "Projekter" {
		t.Fatalf("after sign-in h1 = %q", h)
	}
	if who := p.text(".who"); !strings.Contains(who, "Anne Admin") {
		t.Fatalf("signed in as %q", who)
	}
	p.open("/account")
	p.check("account")
	p.submit("create a token", `form[action="/account/tokens"] button`)
	if tok := p.text("code"); !strings.HasPrefix(tok, "ind_") {
		t.Fatalf("new token: %q", tok)
	}
	p.check("account-token")
	p.open("/admin/users")
	p.check("admin-users")
	if got := p.text("main table"); !strings.Contains(got, "admin@kolding.dk") {
		t.Fatalf("admin page: %q", got)
	}
}
