package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFacetsAfterHits: when the page does not count the facets
// (facets=later, as for a frequent word in a large project), the hits are
// there first and the facet panel loads after them; its links filter the
// search as before.
func TestBrowserFacetsAfterHits(t *testing.T) {
	p, e := signedIn(t)
	p.open(e.path("/search?q=k%C3%B8leskab&facets=later"))
	p.do("hits", chromedp.WaitVisible(chromedp.CSS("#results .hit")))
	p.do("facets", chromedp.WaitVisible(chromedp.CSS("#facets h3")))
	var busy bool
	p.eval("loaded", `document.getElementById("facets").hasAttribute("aria-busy")`, &busy)
	if got := p.text("#facets"); busy || !strings.Contains(got, "Kildetype") {
		t.Fatalf("facet panel (busy %v): %q", busy, got)
	}
	p.check("search-facets-later")
	p.submit("filter", `#facets ul a`)
	p.do("filtered", chromedp.WaitVisible(chromedp.CSS("#results .chips .chip")))
	if got := p.text("#results .count"); !strings.Contains(got, "fundet") {
		t.Fatalf("count after the filter: %q", got)
	}
}
