package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"indsigt/model"
)

// htmxGet is a GET as htmx sends it.
func (c *client) htmxGet(path string) (int, string, http.Header) {
	c.e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	req.Header.Set("HX-Request", "true")
	return c.do(req)
}

// TestLazyFacets: a search page whose facets are not known yet shows the
// hits and a facet panel that loads after them (a link without
// JavaScript); the panel's route gives the facets, which the next page of
// the same search then shows at once; the route is a search of the
// project, so a non-member gets 404 and nothing of the project.
func TestLazyFacets(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	_, page := c.get(e.path("/search?q=mad&facets=later"))
	for _, want := range []string{`class="hit"`, `hx-get="/p/` + e.proj.Slug + `/search/facets?`, `hx-trigger="load"`, "Vis filtre", "facets=true"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "Kildetype") {
		t.Error("the page counted the facets")
	}
	code, panel, _ := c.htmxGet(e.path("/search/facets?q=mad&facets=later"))
	if code != http.StatusOK || strings.Contains(panel, "<html") || !strings.Contains(panel, `id="facets"`) || !strings.Contains(panel, "Kildetype") ||
		!strings.Contains(panel, `href="/p/`+e.proj.Slug+`/search?`) {
		t.Fatalf("the panel: %d %.500s", code, panel)
	}
	if _, page = c.get(e.path("/search?q=mad&facets=later&limit=2")); !strings.Contains(page, "Kildetype") || strings.Contains(page, "/search/facets?") {
		t.Error("the cached facets are not in the page")
	}
	// Without htmx the route is the search page with its facets.
	code, _, h := c.do(mustGet(t, e.srv.URL+e.path("/search/facets?q=mad")))
	if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "/search?") || !strings.Contains(h.Get("Location"), "facets=true") {
		t.Errorf("without htmx: %d %s", code, h.Get("Location"))
	}
	if _, page = c.get(e.path("/search?q=k%C3%B8leskab&facets=true")); !strings.Contains(page, "Kildetype") {
		t.Error("facets=true does not count the facets in the page")
	}

	e.secretProject(t)
	if code, body, _ := c.htmxGet("/p/hemmelig/search/facets?q=zebraovergangen"); code != http.StatusNotFound || strings.Contains(body, "Hemmeligt projekt") || strings.Contains(body, "Kildetype") {
		t.Errorf("a non-member: %d", code)
	}
	lead := e.login(model.RoleLead)
	if code, body, _ := lead.htmxGet("/p/hemmelig/search/facets?q=zebraovergangen"); code != http.StatusOK || !strings.Contains(body, "Kildetype") {
		t.Errorf("the owner: %d %.300s", code, body)
	}
}

func mustGet(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
