package app

import (
	"context"
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
// search happened: the query itself may name people.
func (a *App) Search(ctx context.Context, s Scope, req search.Request) (*search.Result, error) {
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	// Tags are one code whatever their case: the filter uses the
	// codebook's spelling, which is the one the index holds.
	if req.Tags, err = a.Store.TagNames(ctx, s.Project.ID, req.Tags); err != nil {
		return nil, err
	}
	if req.TagSpelling, err = a.tagSpelling(ctx, s, req.Query); err != nil {
		return nil, err
	}
	res, err := ix.SearchContext(ctx, projectKey(s), req)
	if err != nil {
		return nil, err
	}
	if !req.IDsOnly {
		if err := a.attachHighlights(ctx, s, res.Hits, req.TagFilters()); err != nil {
			return nil, err
		}
	}
	if err := a.auditRead(ctx, s, "search", "notes", ""); err != nil {
		return nil, err
	}
	return res, nil
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
