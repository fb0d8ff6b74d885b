package ui_test

import (
	"net/url"
	"strings"
	"testing"

	"indsigt/model"
)

func TestSavedSearchesOnTheSearchPage(t *testing.T) {
	e := newEnv(t, false)
	designer := e.login(model.RoleDesigner)
	lead := e.login(model.RoleLead)
	query := `køleskab* -sulten tag:"Søvn og nat"`
	if code, _, _ := designer.post(e.path("/saved-searches"), url.Values{"csrf_token": {designer.csrf}, "name": {"Natlig uro <b>"}, "q": {query}}); code != 303 {
		t.Fatalf("save: %d", code)
	}
	if code, _, _ := designer.post(e.path("/saved-searches"), url.Values{"name": {"Uden token"}, "q": {"mad"}}); code != 403 && code != 400 {
		t.Fatalf("save without CSRF token: %d", code)
	}
	_, page := designer.get(e.path("/search"))
	if !strings.Contains(page, "Natlig uro &lt;b&gt;") || !strings.Contains(page, "q=k%c3%b8leskab%2a") && !strings.Contains(page, "q=k%C3%B8leskab") {
		t.Fatalf("saved search not listed (escaped, with its link):\n%s", page)
	}
	if strings.Contains(page, "Uden token") {
		t.Fatal("a search saved without a CSRF token was stored")
	}
	if _, other := lead.get(e.path("/search")); strings.Contains(other, "Natlig uro") {
		t.Fatal("another user sees my saved search")
	}
}

func TestSearchFormKeepsActiveFilters(t *testing.T) {
	e := newEnv(t, false)
	e.catchUp()
	c := e.login(model.RoleDesigner)
	_, page := c.get(e.path("/search?q=k%C3%B8leskabet&source_kind=observation"))
	if !strings.Contains(page, `<input type="hidden" name="source_kind" value="observation">`) || !strings.Contains(page, `hx-include="closest form"`) {
		t.Fatal("typing a new query would drop the active filter")
	}
}
