package ui_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"indsigt/ui"
)

// BenchmarkSearchFacets is the search page's server time for a frequent
// word (more matches than app.CheapFacets) with and without counting the
// facets, in one run: "lean" is the page as it is served now (hits only,
// the panel loads after), "counted" the page that also counts the facets
// (as every page did before; a new "to" date each time keeps the facet
// cache out), "panel_cold" and "panel_cached" the panel's request, and
// "page_cached" the page once the cache holds the facets. Notes:
// INDSIGT_BENCH_NOTES (default 40,000).
//
//	go test -run '^$' -bench BenchmarkSearchFacets -benchtime 20x ./ui/
func BenchmarkSearchFacets(b *testing.B) {
	n := 40_000
	if v, err := strconv.Atoi(os.Getenv("INDSIGT_BENCH_NOTES")); err == nil && v > 0 {
		n = v
	}
	r, tok, p, _, _ := bigProject(b, n)
	base := "/p/" + p.Slug + "/search"
	const q = "?q=borger&to=2100-01-01"
	get := func(b *testing.B, path string, htmx bool, want string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(&http.Cookie{Name: ui.SessionCookie, Value: tok})
		if htmx {
			req.Header.Set("HX-Request", "true")
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
			b.Fatalf("%s: %d %.300s", path, w.Code, w.Body.String())
		}
	}
	day := 0
	fresh := func() string { // a "to" that no request used before: a cache miss
		day++
		return time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day).Format("2006-01-02")
	}
	ms := map[string]float64{}
	for _, c := range []struct {
		name string
		run  func(b *testing.B)
	}{
		{"lean", func(b *testing.B) { get(b, base+q, false, "/search/facets?") }},
		{"counted", func(b *testing.B) { get(b, base+"?q=borger&facets=true&to="+fresh(), false, "Kildetype") }},
		{"panel_cold", func(b *testing.B) { get(b, base+"/facets?q=borger&to="+fresh(), true, "Kildetype") }},
		{"panel_cached", func(b *testing.B) { get(b, base+"/facets"+q, true, "Kildetype") }},
		{"page_cached", func(b *testing.B) { get(b, base+q, false, "Kildetype") }},
	} {
		b.Run(c.name, func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				c.run(b)
			}
			ms[c.name] = float64(time.Since(start).Milliseconds()) / float64(b.N)
			b.ReportMetric(ms[c.name], "ms/page")
		})
	}
	if ms["counted"] > 0 {
		b.Logf("%d notes: lean page %.1f ms, with facets counted %.1f ms (lean/counted %.2f); panel cold %.1f ms, cached %.2f ms; page with cached facets %.1f ms",
			n, ms["lean"], ms["counted"], ms["lean"]/ms["counted"], ms["panel_cold"], ms["panel_cached"], ms["page_cached"])
	}
}
