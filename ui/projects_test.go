package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"indsigt/model"
)

// TestProjectFormKeepsInput: a project that cannot be created shows the
// project list again with the message next to the field and what was typed.
func TestProjectFormKeepsInput(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body, _ := c.post("/projects", url.Values{"csrf_token": {c.csrf}, "name": {"Ældreplejen"}, "slug": {"Ældre Pleje"},
		"purpose": {"At forstå nætterne"}, "retention_days": {"365"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("bad slug: %d, want 422", code)
	}
	for _, want := range []string{`id="p-slug-err"`, "Har ikke den rigtige form", `value="Ældre Pleje"`, `value="Ældreplejen"`, "At forstå nætterne", `value="365"`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	code, body, _ = c.post("/projects", url.Values{"csrf_token": {c.csrf}, "name": {"Ældreplejen"}, "slug": {"aeldre"}, "retention_days": {"ca. et år"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="p-retention-err"`) || !strings.Contains(body, `value="ca. et år"`) {
		t.Fatalf("bad retention: %d", code)
	}
	if code, _, h := c.post("/projects", url.Values{"csrf_token": {c.csrf}, "name": {"Ældreplejen"}, "slug": {"aeldre"}, "retention_days": {"365"}}); code != http.StatusSeeOther || h.Get("Location") != "/p/aeldre" {
		t.Fatalf("create: %d %s", code, h.Get("Location"))
	}
}

// TestBoardShowsSearchErrors: a search that limits the board and fails says
// so instead of showing an empty board.
func TestBoardShowsSearchErrors(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body := c.get(e.path("/board?q=" + url.QueryEscape("date:2026-01-01..2025-01-01")))
	if code != http.StatusOK || !strings.Contains(body, "Søgningen kunne ikke udføres") || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("board with a bad search: %d", code)
	}
}

// TestSavedSearchNameKept: saving a search without a name shows the search
// again with the message at the name field.
func TestSavedSearchNameKept(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body, _ := c.post(e.path("/saved-searches"), url.Values{"csrf_token": {c.csrf}, "name": {"   "}, "q": {"køleskab"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="saved-name-err"`) || !strings.Contains(body, "Skal udfyldes") {
		t.Fatalf("save without a name: %d", code)
	}
}
