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
// They come from the facet cache (brought forward by the notes added since
// it counted them, when only adds happened), or are counted and cached;
// identical concurrent requests count once. Facets are a read of the
// matching notes, so each call is audited as a search ("search" on
// "notes", detail "facets", without the query), as Similar is with
// "similar".
func (a *App) Facets(ctx context.Context, s Scope, req search.Request) (FacetsResult, error) {
	ix, err := a.Index()
	if err != nil {
		return FacetsResult{}, err
	}
	if req, err = a.normalize(ctx, s, req); err != nil {
		return FacetsResult{}, err
	}
	key, gen := facetKey(s.Project.ID, req), ix.Generation(projectKey(s))
	e, cached, err := a.freshFacets(ctx, ix, s, key, gen, req)
	if err == nil && e == nil {
		e, err = a.countFacets(ctx, ix, s, key, gen, req)
	}
	if err != nil {
		return FacetsResult{}, err
	}
	if err := a.auditRead(ctx, s, "search", "notes", "facets"); err != nil {
		return FacetsResult{}, err
	}
	return FacetsResult{Facets: e.facets, Total: e.total, TotalAtLeast: e.atLeast, Cached: cached}, nil
}

// freshFacets returns the cached facets of the normalized req at the
// project's generation gen: the entry counted at gen (cached: nothing was
// counted), or an older one brought forward by the notes added since,
// counted by themselves (search.Index.AppendedSince and CountAdded);
// concurrent requests bring one entry forward once. It returns nil when
// only a full count can tell: nothing cached, or a write since that did
// more than add notes.
func (a *App) freshFacets(ctx context.Context, ix *search.Index, s Scope, key string, gen uint64, req search.Request) (e *facetEntry, cached bool, err error) {
	base, ok := a.facets.get(key)
	if !ok {
		return nil, false, nil
	}
	if base.gen == gen {
		return base, true, nil
	}
	if !base.forward() {
		return nil, false, nil
	}
	p := projectKey(s)
	ids, now, ok := ix.AppendedSince(p, base.gen)
	switch {
	case !ok:
		return nil, false, nil
	case len(ids) == 0:
		// An add is under way: base is still the last finished write's.
		return base, true, nil
	}
	e, err = a.facets.load(ctx, key, now, func(ctx context.Context) (*facetEntry, error) {
		added, total, err := ix.CountAdded(ctx, p, req, ids, base.window)
		if err != nil {
			return nil, err
		}
		a.facets.deltas.Add(1)
		// Exact unless a write other than an add began meanwhile: an add
		// touches only notes that are not among ids.
		_, _, exact := ix.AppendedSince(p, now)
		return base.plus(now, exact, added, total), nil
	})
	return e, false, err
}

// countFacets returns the facets of the normalized req at generation gen,
// from the cache or counted in a search of their own: one hit, facets on,
// every value; paging, sort and limit do not change them.
func (a *App) countFacets(ctx context.Context, ix *search.Index, s Scope, key string, gen uint64, req search.Request) (*facetEntry, error) {
	req.Facets, req.AllFacetValues, req.Cursor, req.Sort, req.Limit, req.IDsOnly = true, true, "", "", 1, false
	return a.facets.load(ctx, key, gen, func(ctx context.Context) (*facetEntry, error) {
		res, err := ix.SearchContext(ctx, projectKey(s), req)
		if err != nil {
			return nil, err
		}
		return newFacetEntry(key, gen, ix.Generation(projectKey(s)) == gen, res), nil
	})
}

// attach gives res the cached facets (the top values) and, when the
// search only bounded its count, the cached exact total: the same key
// means the same matches.
func (e *facetEntry) attach(res *search.Result) {
	res.Facets = e.facets
	if res.TotalAtLeast && !e.atLeast {
		res.Total, res.TotalAtLeast = e.total, false
	}
}
