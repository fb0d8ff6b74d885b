package app

import (
	"context"

	"indsigt/search"
)

// FacetsResult is the facet panel of a search: the counts of each facet's
// values among the matching notes, and how many notes match (exact).
type FacetsResult struct {
	Facets map[string][]search.FacetCount
	Total  uint64
	// TotalAtLeast: Total is a lower bound (never set today: counting the
	// facets visits every match).
	TotalAtLeast bool
	// Cached: the cache held them when asked (nothing was counted).
	Cached bool
}

// Facets counts the facets of a search in the project, for the page that
// showed its hits with SearchLean: paging, sort and limit do not matter.
// They come from the facet cache, keyed by the project's index
// generation, or are counted and cached; identical concurrent requests
// count once. Facets are a read of the matching notes, so each call is
// audited as a search ("search" on "notes", detail "facets", without the
// query), as Similar is with "similar".
func (a *App) Facets(ctx context.Context, s Scope, req search.Request) (FacetsResult, error) {
	ix, err := a.Index()
	if err != nil {
		return FacetsResult{}, err
	}
	if req, err = a.normalize(ctx, s, req); err != nil {
		return FacetsResult{}, err
	}
	key := facetKey(s.Project.ID, ix.Generation(projectKey(s)), req)
	_, cached := a.facets.get(key)
	e, err := a.countFacets(ctx, ix, s, key, req)
	if err != nil {
		return FacetsResult{}, err
	}
	if err := a.auditRead(ctx, s, "search", "notes", "facets"); err != nil {
		return FacetsResult{}, err
	}
	return FacetsResult{Facets: e.facets, Total: e.total, TotalAtLeast: e.atLeast, Cached: cached}, nil
}

// countFacets returns the facets of the normalized req under key, from
// the cache or counted in a search of their own: one hit, facets on;
// paging, sort and limit do not change them.
func (a *App) countFacets(ctx context.Context, ix *search.Index, s Scope, key string, req search.Request) (*facetEntry, error) {
	req.Facets, req.Cursor, req.Sort, req.Limit, req.IDsOnly = true, "", "", 1, false
	return a.facets.load(ctx, key, func(ctx context.Context) (*search.Result, error) {
		return ix.SearchContext(ctx, projectKey(s), req)
	})
}

// attach gives res the cached facets and, when the search only bounded
// its count, the cached exact total: the same key means the same matches.
func (e *facetEntry) attach(res *search.Result) {
	res.Facets = e.facets
	if res.TotalAtLeast && !e.atLeast {
		res.Total, res.TotalAtLeast = e.total, false
	}
}
