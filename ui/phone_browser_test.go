package ui_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"indsigt/model"
)

// phoneLayout is what a page measures at phone width: the page's width
// against the viewport's, and the rows the header's items lie on.
type phoneLayout struct {
	ScrollWidth  int      `json:"sw"`
	InnerWidth   int      `json:"iw"`
	HeaderHeight int      `json:"hh"`
	HeaderRows   int      `json:"rows"`
	Wide         []string `json:"wide"` // elements reaching past the viewport, for the failure message
}

// measurePhone counts the header's rows as the distinct tops (8 px apart
// or more) of its visible links, buttons, brand and project name; items
// scrolled out of a row's view still count on their row.
const measurePhone = `(() => {
	const iw = window.innerWidth, tops = [];
	for (const el of document.querySelectorAll("header.site a, header.site button, header.site .project-name")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if (!tops.some(t => Math.abs(t - r.top) < 8)) tops.push(r.top);
	}
	const wide = Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > iw && !el.closest(".scroll, .tabs, .bar"))
		.slice(0, 8).map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + (el.id ? "#" + el.id : "") + "@" + el.getBoundingClientRect().right);
	return {sw: document.documentElement.scrollWidth, iw: iw, hh: Math.round(document.querySelector("header.site").getBoundingClientRect().height), rows: tops.length, wide: wide};
})()`

// TestBrowserPhoneLayout: at 375 px the overview, the progress board, the
// portfolio and the search across projects do not overflow the page, and
// the header takes at most two rows.
func TestBrowserPhoneLayout(t *testing.T) {
	e := newEnv(t, false)
	e.secretProject(t)
	p := newPage(t, e.srv.URL)
	p.do("phone viewport", chromedp.EmulateViewport(375, 812, chromedp.EmulatePortrait))
	p.open("/login")
	p.login(e.logins[model.RoleAdmin]) // the longest header: the admin's links too
	for _, c := range []struct{ name, path string }{
		{"phone-overview", e.path("")},
		{"phone-progress", e.path("/progress")},
		{"phone-portfolio", "/portfolio"},
		{"phone-search-across", "/search?q=k%C3%B8leskab"},
	} {
		p.open(c.path)
		var m phoneLayout
		p.eval("measure "+c.name, measurePhone, &m)
		if m.InnerWidth != 375 || m.ScrollWidth > m.InnerWidth {
			t.Errorf("%s: the page is %d px wide in a %d px viewport; too wide: %v", c.name, m.ScrollWidth, m.InnerWidth, m.Wide)
		}
		if m.HeaderRows > 2 {
			t.Errorf("%s: the header takes %d rows (%d px)", c.name, m.HeaderRows, m.HeaderHeight)
		}
		t.Logf("%s: %+v", c.name, m)
		p.check(c.name)
	}
}
