package app

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// Bounds of a search across projects: hits per project, and the time all
// of its searches may take together.
const (
	DefaultAcrossLimit = 5
	MaxAcrossLimit     = 50
	AcrossTimeout      = 3 * search.DefaultSearchTimeout
)

// AcrossResult is a search in every project an actor may read, grouped
// by project.
type AcrossResult struct {
	// Searched is how many projects were searched.
	Searched int `json:"searched"`
	// Total counts the matching notes in all of them.
	Total uint64 `json:"total"`
	// TotalAtLeast: Total is a lower bound, as one project's is.
	TotalAtLeast bool `json:"total_at_least,omitempty"`
	// Projects are those with a hit, most hits first.
	Projects []ProjectHits `json:"projects"`
}

// ProjectHits are one project's best hits and how many notes match there.
type ProjectHits struct {
	Project model.Project
	Total   uint64
	// TotalAtLeast: Total is a lower bound (see search.Result).
	TotalAtLeast bool
	Hits         []search.Hit
}

// SearchAcross runs one search in each project the actor may read: their
// memberships (every project for admins and the operator, as Enter grants
// them). The set of projects never comes from the request; each search
// still runs in its project's own shard with the project filter. req.Limit
// is the hits per project (DefaultAcrossLimit when 0, at most
// MaxAcrossLimit); paging and facets belong to the project's own search.
// Each project searched gets its own "search" audit row, without the query.
func (a *App) SearchAcross(ctx context.Context, act Actor, req search.Request) (AcrossResult, error) {
	if req.Limit > MaxAcrossLimit {
		fe := model.Invalid("limit", model.RuleRange, "limit must be a number from 1 to %d", MaxAcrossLimit)
		fe.Limit = MaxAcrossLimit
		return AcrossResult{}, fe
	}
	if req.Limit == 0 {
		req.Limit = DefaultAcrossLimit
	}
	if strings.TrimSpace(req.Query) == "" {
		// Without words every note of every project would match.
		return AcrossResult{}, model.Invalid("q", model.RuleRequired, "q is required")
	}
	req.Cursor, req.Facets, req.FacetNames, req.IDsOnly = "", false, nil, false
	ix, err := a.Index()
	if err != nil {
		return AcrossResult{}, err
	}
	scopes, err := a.readable(ctx, act, false)
	if err != nil {
		return AcrossResult{}, err
	}
	// One deadline for all the projects, so that a user of many projects
	// cannot make one request cost many searches' worth of time.
	sctx, cancel := context.WithTimeout(ctx, AcrossTimeout)
	defer cancel()
	res := AcrossResult{Searched: len(scopes), Projects: []ProjectHits{}}
	for _, s := range scopes {
		ph, err := a.searchOne(sctx, ix, s, req)
		if err != nil {
			return AcrossResult{}, err
		}
		res.Total += ph.Total
		res.TotalAtLeast = res.TotalAtLeast || ph.TotalAtLeast
		if ph.Total > 0 {
			res.Projects = append(res.Projects, ph)
		}
	}
	sort.SliceStable(res.Projects, func(i, j int) bool { return res.Projects[i].Total > res.Projects[j].Total })
	if err := a.auditEach(ctx, scopes, "search", "notes", "across"); err != nil {
		return AcrossResult{}, err
	}
	return res, nil
}

func (a *App) searchOne(ctx context.Context, ix *search.Index, s Scope, req search.Request) (ProjectHits, error) {
	var err error
	// Tags take each project's own spelling, as in Search.
	if req.Tags, err = a.Store.TagNames(ctx, s.Project.ID, req.Tags); err != nil {
		return ProjectHits{}, err
	}
	r, err := ix.SearchContext(ctx, strconv.FormatInt(s.Project.ID, 10), req)
	if err != nil {
		return ProjectHits{}, err
	}
	hits := r.Hits
	if hits == nil {
		hits = []search.Hit{}
	}
	return ProjectHits{Project: s.Project, Total: r.Total, TotalAtLeast: r.TotalAtLeast, Hits: hits}, nil
}

// readable are the actor's scopes in every project they may read (leadOnly:
// those they lead or own), as Enter would open them.
func (a *App) readable(ctx context.Context, act Actor, leadOnly bool) ([]Scope, error) {
	u := act.User
	if act.Operator {
		u = model.User{Role: model.RoleAdmin}
	}
	pas, err := a.Store.ProjectsWithAccess(ctx, u, leadOnly)
	if err != nil {
		return nil, err
	}
	out := make([]Scope, 0, len(pas))
	for _, pa := range pas {
		out = append(out, Scope{Actor: act, Project: pa.Project, Access: pa.Access})
	}
	return out, nil
}

// auditEach records one read per project in one transaction; a read that
// cannot be audited is refused, as auditRead does for one project.
func (a *App) auditEach(ctx context.Context, scopes []Scope, action, object, detail string) error {
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		for _, s := range scopes {
			if err := audit(ctx, tx, s, action, object, detail); err != nil {
				return err
			}
		}
		return nil
	})
}
