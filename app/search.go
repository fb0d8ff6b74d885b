package app

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"indsigt/model"
	"indsigt/search"
)

// MaxSearchLimit bounds one page of search hits.
const MaxSearchLimit = 200

// ParseSearch reads the search parameters shared by the API, the web app
// and the board: q, tag (many), source_kind, participant, phase, from, to,
// sort, limit, cursor and facets (on unless "false").
func ParseSearch(q url.Values) (search.Request, error) {
	r := search.Request{Query: q.Get("q"), Tags: q["tag"], SourceKind: q.Get("source_kind"), Participant: q.Get("participant"),
		Phase: q.Get("phase"), Sort: q.Get("sort"), Cursor: q.Get("cursor"), Facets: q.Get("facets") != "false"}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxSearchLimit {
			fe := model.Invalid("limit", model.RuleRange, "limit must be a number from 1 to %d", MaxSearchLimit)
			fe.Limit = MaxSearchLimit
			return r, fe
		}
		r.Limit = n
	}
	for _, d := range []struct {
		key string
		dst *time.Time
	}{{"from", &r.From}, {"to", &r.To}} {
		if v := q.Get(d.key); v != "" {
			t, err := model.ParseDate(v)
			if err != nil {
				if fe, ok := model.AsFieldError(err); ok {
					c := *fe
					c.Field = d.key
					return r, &c
				}
				return r, err
			}
			*d.dst = t
		}
	}
	return r, nil
}

func projectKey(s Scope) string { return strconv.FormatInt(s.Project.ID, 10) }

// Search runs a search in the project. The audit row keeps only that a
// search happened: the query itself may name people. With req.Facets the
// facets come from the facet cache when it holds this search's, and are
// otherwise counted in the same pass as the hits and cached (see
// freshFacets for the cache brought forward by added notes).
func (a *App) Search(ctx context.Context, s Scope, req search.Request) (*search.Result, error) {
	return a.search(ctx, s, req, req.Facets, 0)
}

// CheapFacets is how many matching notes SearchLean counts the facets of
// in the same request: a second pass over that many matches costs a few
// milliseconds, while a frequent word at a million notes costs hundreds.
const CheapFacets = 20_000

// SearchLean is Search for a page that shows the hits first. Its facets
// are this search's from the facet cache, or counted in the same request
// when the search matched at most cheapUpTo notes (CheapFacets; 0 never);
// otherwise Result.Facets is nil, and Facets counts them in a request of
// their own. The total is exact when the facets are known.
func (a *App) SearchLean(ctx context.Context, s Scope, req search.Request, cheapUpTo uint64) (*search.Result, error) {
	req.Facets = true
	return a.search(ctx, s, req, false, cheapUpTo)
}

// search runs req; req.Facets asks for facets, count whether to count
// them with the hits when the cache has none, cheapUpTo up to how many
// matches to count them in a pass of their own.
func (a *App) search(ctx context.Context, s Scope, req search.Request, count bool, cheapUpTo uint64) (res *search.Result, err error) {
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	if req, err = a.normalize(ctx, s, req); err != nil {
		return nil, err
	}
	if _, err := search.ParseQuery(req.Query); err != nil {
		return nil, fmt.Errorf("search: %w", err) // refused before it is recorded, as the index would refuse it
	}
	audited := a.auditReadAside(ctx, s, "search", "notes", "")
	defer func() {
		if aerr := audited(); aerr != nil && err == nil {
			res, err = nil, aerr
		}
	}()
	var key string
	var gen uint64
	var cached *facetEntry
	if req.Facets {
		// The generation is read before the search: a write during it
		// changes it, and the count is then kept as inexact.
		key, gen = facetKey(s.Project.ID, req), ix.Generation(projectKey(s))
		if cached, _, err = a.freshFacets(ctx, ix, s, key, gen, req); err != nil {
			return nil, err
		}
	}
	run := req
	run.Facets = req.Facets && count && cached == nil
	run.AllFacetValues = run.Facets
	res, err = ix.SearchContext(ctx, projectKey(s), run)
	if err != nil {
		return nil, err
	}
	switch {
	case cached != nil:
	case run.Facets:
		cached = a.facets.put(newFacetEntry(key, gen, ix.Generation(projectKey(s)) == gen, res))
	case req.Facets && !res.TotalAtLeast && res.Total <= cheapUpTo:
		if cached, err = a.countFacets(ctx, ix, s, key, gen, req); err != nil {
			return nil, err
		}
	}
	if cached != nil {
		cached.attach(res)
	}
	if !req.IDsOnly {
		if err := a.attachHighlights(ctx, s, res.Hits, req.TagFilters()); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// normalize gives the tag filters and the query's tag: values the
// codebook's spelling, which is the one the index holds: tags are one code
// whatever their case.
func (a *App) normalize(ctx context.Context, s Scope, req search.Request) (search.Request, error) {
	var err error
	if req.Tags, err = a.Store.TagNames(ctx, s.Project.ID, req.Tags); err != nil {
		return req, err
	}
	if req.TagSpelling, err = a.tagSpelling(ctx, s, req.Query); err != nil {
		return req, err
	}
	return req, nil
}

// Similar finds up to limit notes like one note ("more like this"); it is
// a search and audited as one.
func (a *App) Similar(ctx context.Context, s Scope, noteID string, limit int) ([]search.Hit, error) {
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	hits, err := ix.MoreLikeThisContext(ctx, projectKey(s), noteID, limit)
	if err != nil {
		return nil, err
	}
	if err := a.attachHighlights(ctx, s, hits, nil); err != nil {
		return nil, err
	}
	if err := a.auditRead(ctx, s, "search", "notes", "similar"); err != nil {
		return nil, err
	}
	return hits, nil
}
