package ui_test

import (
	"html"
	"net/url"
	"regexp"
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

// TestSavedSearchKeepsFacetFilters: saving from a filtered search keeps
// the filters, and the saved search's link opens the search filtered again.
func TestSavedSearchKeepsFacetFilters(t *testing.T) {
	e := newEnv(t, false)
	e.catchUp()
	c := e.login(model.RoleDesigner)
	_, page := c.get(e.path("/search?q=k%C3%B8leskabet&source_kind=observation&tag=Mad+og+m%C3%A5ltider&from=2026-01-01"))
	save := page[strings.Index(page, `action="`+e.path("/saved-searches")+`"`):]
	save = save[:strings.Index(save, "</form>")]
	for _, want := range []string{`name="source_kind" value="observation"`, `name="tag" value="Mad og måltider"`, `name="from" value="2026-01-01"`} {
		if !strings.Contains(save, want) {
			t.Errorf("the save form does not carry %s", want)
		}
	}
	form := url.Values{"csrf_token": {c.csrf}, "name": {"Observeret mad"}, "q": {"køleskabet"},
		"source_kind": {"observation"}, "tag": {"Mad og måltider"}, "from": {"2026-01-01"}}
	code, _, h := c.post(e.path("/saved-searches"), form)
	if code != 303 || !strings.Contains(h.Get("Location"), "source_kind=observation") {
		t.Fatalf("save: %d, to %q", code, h.Get("Location"))
	}
	_, page = c.get(e.path("/search"))
	m := regexp.MustCompile(`<a href="([^"]+)">Observeret mad</a>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("saved search not listed")
	}
	link := html.UnescapeString(m[1])
	for _, want := range []string{"source_kind=observation", "tag=Mad+og+m%C3%A5ltider", "from=2026-01-01", "q=k%C3%B8leskabet"} {
		if !strings.Contains(link, want) {
			t.Errorf("saved link %q lacks %s", link, want)
		}
	}
	_, page = c.get(link)
	if !strings.Contains(page, `class="chips" aria-label="Aktive filtre"`) || !strings.Contains(page, "Mad og måltider <a") {
		t.Errorf("reopening the saved search lost its filters")
	}
}
