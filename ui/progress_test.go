package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"indsigt/model"
)

// TestProgressCardsAndThresholds: each card names its owner and next step,
// and the project's owner sets the "står stille" days, with a Danish
// message next to a bad field; other members see no form and may not post.
func TestProgressCardsAndThresholds(t *testing.T) {
	e := newEnv(t, false)
	lead := e.login(model.RoleLead)
	_, body := lead.get(e.path("/progress"))
	for _, want := range []string{`class="meta owner">Ejer: `, `class="next">Næste skridt: `} {
		if !strings.Contains(body, want) {
			t.Errorf("the board lacks %q", want)
		}
	}
	if strings.Contains(body, `id="thresholds"`) {
		t.Error("a lead who does not own the project sees the thresholds form")
	}
	form := url.Values{"csrf_token": {lead.csrf}, "stale_opdag_days": {"10"}, "stale_skab_days": {"20"}, "stale_virk_days": {"40"}}
	if code, _, _ := lead.post(e.path("/progress/thresholds"), form); code != http.StatusForbidden {
		t.Errorf("a lead posts thresholds: %d", code)
	}

	owner := e.login(model.RoleDesigner) // the demo project's creator
	_, body = owner.get(e.path("/progress"))
	if !strings.Contains(body, `id="thresholds"`) || !strings.Contains(body, `value="60"`) {
		t.Fatalf("the owner's form with today's defaults: %.300s", between(body, `id="thresholds"`, "</form>"))
	}
	form.Set("csrf_token", owner.csrf)
	form.Set("stale_skab_days", "nul")
	code, body, _ := owner.post(e.path("/progress/thresholds"), form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="stale_skab_days-err" class="error-detail">Skriv et helt antal dage fra 1 til 3650`) ||
		!strings.Contains(body, `value="nul"`) {
		t.Fatalf("a bad field: %d %s", code, between(body, `id="thresholds"`, "</form>"))
	}
	form.Set("stale_skab_days", "20")
	if code, _, h := owner.post(e.path("/progress/thresholds"), form); code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "/progress#thresholds") {
		t.Fatalf("save: %d %s", code, h.Get("Location"))
	}
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+e.path("/progress/thresholds"), nil)
	if code, _, h := owner.do(req); code != http.StatusSeeOther || h.Get("Location") != e.path("/progress") {
		t.Errorf("a reload of the form's address: %d %s", code, h.Get("Location"))
	}
	_, body = lead.get(e.path("/progress"))
	if !strings.Contains(body, "efter 10 dage i Opdag/forstå, 20 dage i Skab/test og 40 dage") {
		t.Errorf("the intro does not show the new thresholds: %s", between(body, "<h1>", "</p>"))
	}
}
