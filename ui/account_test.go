package ui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"indsigt/model"
)

var (
	newTokenRE    = regexp.MustCompile(`<code>(ind_[A-Za-z0-9_-]+)</code>`)
	revokeRE      = regexp.MustCompile(`action="/account/tokens/(\d+)/revoke"`)
	oneTimeRE     = regexp.MustCompile(`<code>([A-Za-z0-9_-]{16})</code>`)
	adminActionRE = regexp.MustCompile(`action="/admin/users/(\d+)/disable"`)
)

func (e *env) apiStatus(tok string) int {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/api/v1/projects", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestAccountTokensAndPassword(t *testing.T) {
	e := newEnv(t, false)
	des := e.logins[model.RoleDesigner]
	c := e.login(model.RoleDesigner)
	other := e.login(model.RoleDesigner)

	code, body := c.get("/account")
	if code != http.StatusOK || !strings.Contains(body, des.Email) || !strings.Contains(body, `href="/account"`) {
		t.Fatalf("account page: %d %.400s", code, body)
	}
	code, body, _ = c.post("/account/tokens", url.Values{"csrf_token": {c.csrf}, "name": {"rapport-script"}, "scope": {"read"}, "days": {"30"}})
	m := newTokenRE.FindStringSubmatch(body)
	if code != http.StatusCreated || m == nil || !strings.Contains(body, "rapport-script") || !strings.Contains(body, "Kun læse") {
		t.Fatalf("create token: %d %.600s", code, body)
	}
	tok := m[1]
	if c := e.apiStatus(tok); c != http.StatusOK {
		t.Fatalf("new token: %d", c)
	}
	if _, body := c.get("/account"); strings.Contains(body, tok) {
		t.Error("the token is shown again")
	} else if !strings.Contains(body, "Sidst brugt") {
		t.Error("no last-used column")
	}
	if code, _, _ := c.post("/account/tokens", url.Values{"name": {"x"}}); code != http.StatusForbidden {
		t.Errorf("token without CSRF: %d", code)
	}
	id := revokeRE.FindStringSubmatch(body)
	if id == nil {
		t.Fatalf("no revoke form: %.600s", body)
	}
	// An analyst cannot revoke someone else's token.
	an := e.login(model.RoleAnalyst)
	if code, _, _ := an.post("/account/tokens/"+id[1]+"/revoke", url.Values{"csrf_token": {an.csrf}}); code != http.StatusNotFound {
		t.Errorf("someone else's token: %d, want 404", code)
	}
	if code, _, h := c.post("/account/tokens/"+id[1]+"/revoke", url.Values{"csrf_token": {c.csrf}}); code != http.StatusSeeOther || h.Get("Location") != "/account?done=revoked" {
		t.Fatalf("revoke: %d %s", code, h.Get("Location"))
	}
	if c := e.apiStatus(tok); c != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", c)
	}

	for _, f := range []struct {
		cur, next, again string
		want             int
	}{
		{"forkert-kodeord", "nyt-og-langt-kodeord", "nyt-og-langt-kodeord", http.StatusBadRequest},
		{des.Password, "nyt-og-langt-kodeord", "noget-helt-andet-her", http.StatusBadRequest},
		{des.Password, "kort", "kort", http.StatusBadRequest},
		{des.Password, "nyt-og-langt-kodeord", "nyt-og-langt-kodeord", http.StatusSeeOther},
	} {
		code, body, _ := c.post("/account/password", url.Values{"csrf_token": {c.csrf}, "current_password": {f.cur}, "new_password": {f.next}, "new_password_again": {f.again}})
		if code != f.want {
			t.Fatalf("change password %+v: %d %.300s", f, code, body)
		}
	}
	if code, _ := c.get("/"); code != http.StatusOK {
		t.Errorf("the browser that changed the password is still signed in: %d", code)
	}
	if code, _ := other.get("/"); code != http.StatusSeeOther {
		t.Errorf("another browser of the user must be signed out: %d", code)
	}
	e.client().signIn(des.Email, "nyt-og-langt-kodeord")
}

func TestAdminUsersPage(t *testing.T) {
	e := newEnv(t, false)
	des := e.logins[model.RoleDesigner]
	d := e.login(model.RoleDesigner)
	if code, _ := d.get("/admin/users"); code != http.StatusForbidden {
		t.Fatalf("designer on the admin page: %d", code)
	}
	if code, _, _ := d.post("/admin/users/1/disable", url.Values{"csrf_token": {d.csrf}}); code != http.StatusForbidden {
		t.Fatalf("designer disables: %d", code)
	}
	a := e.login(model.RoleAdmin)
	code, body := a.get("/admin/users")
	if code != http.StatusOK || !strings.Contains(body, des.Email) || !strings.Contains(body, `href="/admin/users"`) {
		t.Fatalf("admin page: %d %.300s", code, body)
	}
	acc, err := e.auth.Account(t.Context(), des.Email)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, m := range adminActionRE.FindAllStringSubmatch(body, -1) {
		if m[1] == itoa(acc.ID) {
			id = m[1]
		}
	}
	if id == "" {
		t.Fatalf("no disable form for the designer: %.800s", body)
	}
	tok, err := e.auth.CreateToken(t.Context(), des.Email, "script")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, h := a.post("/admin/users/"+id+"/disable", url.Values{"csrf_token": {a.csrf}}); code != http.StatusSeeOther || h.Get("Location") != "/admin/users?done=disabled" {
		t.Fatalf("disable: %d", code)
	}
	if code, _ := d.get("/"); code != http.StatusSeeOther {
		t.Errorf("a disabled user's browser is still signed in: %d", code)
	}
	if c := e.apiStatus(tok); c != http.StatusUnauthorized {
		t.Errorf("a disabled user's token: %d", c)
	}
	fresh := e.client()
	fresh.get("/login")
	code, body, _ = fresh.post("/login", url.Values{"csrf_token": {fresh.csrf}, "email": {des.Email}, "password": {des.Password}})
	if code != http.StatusForbidden || !strings.Contains(body, "spærret") {
		t.Errorf("disabled login: %d %.300s", code, body)
	}
	if code, _, _ := a.post("/admin/users/"+id+"/enable", url.Values{"csrf_token": {a.csrf}}); code != http.StatusSeeOther {
		t.Fatalf("enable: %d", code)
	}
	code, body, _ = a.post("/admin/users/"+id+"/password", url.Values{"csrf_token": {a.csrf}})
	m := oneTimeRE.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		t.Fatalf("reset: %d %.600s", code, body)
	}
	fresh = e.client()
	fresh.get("/login")
	code, _, h := fresh.post("/login", url.Values{"csrf_token": {fresh.csrf}, "email": {des.Email}, "password": {m[1]}})
	if code != http.StatusSeeOther || h.Get("Location") != "/account" {
		t.Fatalf("one-time password sign-in: %d %s", code, h.Get("Location"))
	}
	if _, body := fresh.get("/account"); !strings.Contains(body, "engangsadgangskode") {
		t.Error("the account page does not ask for a new password")
	}
	if code, _ := fresh.get("/"); code != http.StatusSeeOther {
		t.Errorf("with a one-time password, / must send to /account: %d", code)
	}
	if code, _, _ := fresh.post("/projects", url.Values{"csrf_token": {fresh.csrf}, "slug": {"x"}, "name": {"X"}}); code != http.StatusForbidden {
		t.Errorf("with a one-time password, a form elsewhere: %d", code)
	}
	if code, _, _ := fresh.post("/account/password", url.Values{"csrf_token": {fresh.csrf}, "current_password": {m[1]}, "new_password": {"mit-eget-kodeord"}, "new_password_again": {"mit-eget-kodeord"}}); code != http.StatusSeeOther {
		t.Fatalf("choosing a password: %d", code)
	}
	if code, _ := fresh.get("/"); code != http.StatusOK {
		t.Errorf("after choosing a password: %d", code)
	}
	self := adminSelfID(t, e)
	if code, _, _ := a.post("/admin/users/"+self+"/disable", url.Values{"csrf_token": {a.csrf}}); code != http.StatusBadRequest {
		t.Errorf("an admin disables himself: %d", code)
	}
	if code, body, _ := a.post("/admin/users/"+id+"/delete", url.Values{"csrf_token": {a.csrf}}); code != http.StatusOK || !strings.Contains(body, "Slet "+des.Email+" for altid?") {
		t.Fatalf("delete without confirmation: %d %.300s", code, body)
	}
	if code, _ := fresh.get("/"); code != http.StatusOK {
		t.Fatalf("deleted before the confirmation: %d", code)
	}
	if code, _, h := a.post("/admin/users/"+id+"/delete", url.Values{"csrf_token": {a.csrf}, "confirm": {"yes"}}); code != http.StatusSeeOther || h.Get("Location") != "/admin/users?done=deleted" {
		t.Fatalf("delete: %d", code)
	}
	if code, _ := fresh.get("/"); code != http.StatusSeeOther {
		t.Errorf("a deleted user's browser is still signed in: %d", code)
	}
}

func adminSelfID(t *testing.T, e *env) string {
	acc, err := e.auth.Account(t.Context(), e.logins[model.RoleAdmin].Email)
	if err != nil {
		t.Fatal(err)
	}
	return itoa(acc.ID)
}

func TestLoginThrottleAnswersHonestly(t *testing.T) {
	e := newEnv(t, false)
	des := e.logins[model.RoleDesigner]
	c := e.client()
	c.get("/login")
	var code int
	var body string
	var h http.Header
	for i := 0; i < 12; i++ {
		code, body, h = c.post("/login", url.Values{"csrf_token": {c.csrf}, "email": {des.Email}, "password": {"gæt-nummer-" + itoa(int64(i))}})
		if code == http.StatusTooManyRequests {
			break
		}
	}
	if code != http.StatusTooManyRequests || !strings.Contains(body, "Prøv igen om") || h.Get("Retry-After") == "" {
		t.Fatalf("after many failures: %d %s %.300s", code, h.Get("Retry-After"), body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
