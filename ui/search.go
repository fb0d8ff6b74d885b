package ui

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/search"
	"indsigt/server"
	"indsigt/store"
)

type searchView struct {
	Query    string
	Like     string // note id of a "more like this" search
	LikeNote *likeNote
	Ran      bool
	Total    uint64
	Hits     []hitView
	Facets   []facetView
	Filters  []filterView
	NextURL  string
	Error    string
	NotReady bool
	Saved    []store.SavedSearch
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
	saved, err := h.App.SavedSearches(c.Request.Context(), mustScope(c))
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
	ctx, sc := c.Request.Context(), mustScope(c)
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
	res, err := h.App.Search(ctx, sc, req)
	if err != nil {
		v.Error = searchError(err)
		return v
	}
	v.Total, v.Hits = res.Total, h.hitViews(p.Slug, res.Hits)
	q := cloneValues(params)
	q.Del("cursor")
	v.Facets, v.Filters = facetViews(p.Slug, q, res.Facets)
	if res.NextCursor != "" {
		next := cloneValues(q)
		next.Set("cursor", res.NextCursor)
		v.NextURL = "/p/" + p.Slug + "/search?" + next.Encode()
	}
	return v
}

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
