package ui

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/search"
	"indsigt/server"
)

type searchView struct {
	Query    string
	Like     string // note id of a "more like this" search
	LikeNote *likeNote
	Ran      bool
	Total    uint64
	// TotalAtLeast: Total is a lower bound ("mindst 20.000 noter").
	TotalAtLeast bool
	Hits         []hitView
	Facets       []facetView
	// FacetsURL loads the facet panel after the hits (htmx) when the facet
	// cache did not have them; FacetsPage is the same search with the
	// facets counted in the page, for a browser without JavaScript.
	FacetsURL, FacetsPage string
	// CountOOB: the facet panel also brings the exact count, to replace
	// the page's lower bound.
	CountOOB bool
	Filters  []filterView
	NextURL  string
	Error    string
	NotReady bool
	Saved    []app.SavedSearch
	// SaveFields are the filters the save form keeps with the query.
	SaveFields []hiddenField
	// AddSelected adds the checked hits to an insight; nil without write access.
	AddSelected *addView
}

type hitView struct {
	search.Hit
	// Snippet is the index's highlight: note text escaped by the index with
	// <mark> around hits. It is the only user-derived value rendered as HTML.
	Snippet template.HTML
	NoteID  string
	LikeURL string
	Add     *addView // "add to insight" for this hit; nil without write access
}

type facetView struct {
	Key    string
	Values []facetValue
}

type facetValue struct {
	Term   string
	Count  int
	URL    string
	Active bool
}

type filterView struct {
	Key, Param, Value, RemoveURL string
}

// facetParams maps a facet of the result to its query parameter.
var facetParams = []struct{ facet, param string }{
	{"tags", "tag"}, {"source_kind", "source_kind"}, {"participant", "participant"}, {"phase", "phase"},
}

func (h *handlers) search(c *gin.Context) {
	v := h.runSearch(c)
	saved, err := h.App.SavedSearches(c.Request.Context(), server.MustScope(c))
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.Saved, v.SaveFields = saved, savedFields(c.Request.URL.Query())
	if err := h.addControls(c, &v); err != nil {
		h.failErr(c, err)
		return
	}
	if c.GetHeader("HX-Request") == "true" && c.GetHeader("HX-Target") == "results" {
		h.renderTemplate(c, http.StatusOK, "search", "results", view{base: h.base(c, "", "search"), D: v})
		return
	}
	h.render(c, http.StatusOK, "search", h.base(c, "search.title", "search"), v)
}

func (h *handlers) runSearch(c *gin.Context) searchView {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	p := sc.Project
	// Read from the URL itself: a failed save shows the search it came from.
	params := c.Request.URL.Query()
	v := searchView{Query: params.Get("q"), Like: params.Get("like")}
	if v.Query == "" && v.Like == "" && len(params) == 0 {
		return v
	}
	if _, err := h.App.Index(); err != nil {
		v.NotReady = true
		return v
	}
	v.Ran = true
	if v.Like != "" {
		return h.similarSearch(ctx, sc, v)
	}
	req, err := app.ParseSearch(params)
	if err != nil {
		v.Error = server.Message(err)
		return v
	}
	req.Facets = true
	// The hits come first: the facets are counted in the page when that is
	// cheap or asked for (facets=true, the link of a browser without
	// JavaScript), else taken from the cache or loaded by the panel after
	// the hits (always so with facets=later).
	run := func(ctx context.Context, sc app.Scope, req search.Request) (*search.Result, error) {
		switch params.Get("facets") {
		case "true":
			return h.App.Search(ctx, sc, req)
		case "later":
			return h.App.SearchLean(ctx, sc, req, 0)
		}
		return h.App.SearchLean(ctx, sc, req, app.CheapFacets)
	}
	res, err := run(ctx, sc, req)
	if err != nil {
		v.Error = searchError(err)
		return v
	}
	v.Total, v.TotalAtLeast, v.Hits = res.Total, res.TotalAtLeast, h.hitViews(p.Slug, res.Hits)
	q := cloneValues(params)
	q.Del("cursor")
	v.Facets, v.Filters = facetViews(p.Slug, q, res.Facets)
	if res.Facets == nil && (res.Total > 0 || res.TotalAtLeast) {
		v.FacetsURL, v.FacetsPage = lazyFacetURLs(p.Slug, q, res.TotalAtLeast)
	}
	if res.NextCursor != "" {
		next := cloneValues(q)
		next.Set("cursor", res.NextCursor)
		v.NextURL = "/p/" + p.Slug + "/search?" + next.Encode()
	}
	return v
}

// lazyFacetURLs are the facet panel's address (with count=exact when the
// page shows a lower bound) and the page's own with the facets counted in it.
func lazyFacetURLs(slug string, q url.Values, atLeast bool) (panel, page string) {
	pq, fq := cloneValues(q), cloneValues(q)
	if atLeast {
		pq.Set("count", "exact")
	}
	fq.Set("facets", "true")
	return "/p/" + slug + "/search/facets?" + pq.Encode(), "/p/" + slug + "/search?" + fq.Encode()
}

// searchFacets is the facet panel of a search, which the search page loads
// after its hits. Without htmx it is the search page with the facets in it.
func (h *handlers) searchFacets(c *gin.Context) {
	sc := server.MustScope(c)
	params := c.Request.URL.Query()
	exact := params.Get("count") == "exact"
	params.Del("count")
	params.Del("cursor")
	if c.GetHeader("HX-Request") != "true" {
		params.Set("facets", "true")
		c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"/search?"+params.Encode())
		return
	}
	req, err := app.ParseSearch(params)
	if err != nil {
		h.failErr(c, err)
		return
	}
	fr, err := h.App.Facets(c.Request.Context(), sc, req)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v := searchView{Ran: true, Total: fr.Total, TotalAtLeast: fr.TotalAtLeast, CountOOB: exact}
	v.Facets, _ = facetViews(sc.Project.Slug, params, fr.Facets)
	h.renderTemplate(c, http.StatusOK, "search", "facets", view{base: h.base(c, "", "search"), D: v})
}

// TotalNum is Total for the num function of the templates.
func (v searchView) TotalNum() float64 { return float64(v.Total) }

func searchError(err error) string {
	switch {
	case errors.Is(err, search.ErrInvalidQuery), errors.Is(err, search.ErrBadCursor):
		return err.Error()
	case errors.Is(err, search.ErrNotFound):
		return "not found"
	case errors.Is(err, app.ErrIndexNotReady):
		return err.Error()
	}
	return "search failed"
}

func (h *handlers) hitViews(slug string, hits []search.Hit) []hitView {
	out := make([]hitView, len(hits))
	for i, hit := range hits {
		out[i] = hitView{Hit: hit, Snippet: template.HTML(hit.Snippet), NoteID: hit.NoteID, // #nosec: escaped by the index
			LikeURL: "/p/" + slug + "/search?like=" + url.QueryEscape(hit.NoteID)}
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// facetViews turns facet counts into links that add (or, when active,
// remove) a filter, keeping the rest of the search.
func facetViews(slug string, q url.Values, facets map[string][]search.FacetCount) ([]facetView, []filterView) {
	base := "/p/" + slug + "/search?"
	var fvs []facetView
	var filters []filterView
	for _, fp := range facetParams {
		active := map[string]bool{}
		for _, val := range q[fp.param] {
			active[val] = true
			rm := cloneValues(q)
			rm.Del(fp.param)
			for _, other := range q[fp.param] {
				if other != val {
					rm.Add(fp.param, other)
				}
			}
			filters = append(filters, filterView{Key: fp.facet, Param: fp.param, Value: val, RemoveURL: base + rm.Encode()})
		}
		fv := facetView{Key: fp.facet}
		for _, f := range facets[fp.facet] {
			add := cloneValues(q)
			if fp.param == "tag" {
				add.Add("tag", f.Term)
			} else {
				add.Set(fp.param, f.Term)
			}
			fv.Values = append(fv.Values, facetValue{Term: f.Term, Count: f.Count, URL: base + add.Encode(), Active: active[f.Term]})
		}
		if len(fv.Values) > 0 {
			fvs = append(fvs, fv)
		}
	}
	return fvs, filters
}
