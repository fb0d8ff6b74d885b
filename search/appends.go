package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Appends: facets that follow uploads (issue 14).
//
// A cache of a search's facets keyed by the project's generation misses on
// every write, and uploads write all the time. When the only writes since
// a cached count added new notes, the new counts are the cached ones plus
// those of the added notes alone, which a small request counts
// (CountAdded). AppendedSince names those notes, from a short history of
// each project's writes kept here.
//
// Decisions worth knowing:
//   - A write is an add when none of its notes was in the shard before it
//     and it deletes nothing: checked against the shard itself (a doc id
//     query, inside Apply's lock), not inferred from ids growing, so a
//     re-indexed note (tags, redaction, a replayed change) is never taken
//     for a new one whatever the store's id sequence does. (Note ids are
//     notes.id in decimal: AUTOINCREMENT in SQLite, BIGSERIAL in
//     PostgreSQL, whose concurrent commits reach the indexer out of id
//     order.) The check costs about 0.1 ms for a file of 20 notes.
//   - A write has two stamps: Generation changes when it starts and when
//     it ends, so a search that saw the same generation before and after
//     ran on one state of the shard, the one of that generation. While an
//     add is under way, the state of the last finished write can still be
//     counted exactly: the add touches only notes that no id in the history
//     names.
//   - Counts add up over every value of a facet (Request.AllFacetValues),
//     never over the top ones: a value just below a list's cut may rise
//     above it with the added notes. Bleve counts every value anyway and
//     only cuts at the end, so the full lists cost little; TopFacets then
//     cuts as Bleve does (count descending, then term).
//   - A count over every match is brought forward over every match; one
//     over a date window (TotalAtLeast) on the same window (Result.Window),
//     which keeps it a count of at least the bound's matches; the fuzzy
//     second try (Result.Fuzzy) never is. One brought forward over every
//     match stays exact even once a fresh search would run on a window.
//   - The history is bounded (maxHistoryWrites, maxHistoryIDs); any other
//     write (update, delete, rebuild, drop) empties it, and a new Index
//     starts without one, so an older generation is then simply unknown.
const (
	maxHistoryWrites = 256
	maxHistoryIDs    = 20_000
)

// projectGen is a project's generation state: the stamp of its last
// finished write (rest), the stamp of the write under way (cur != rest),
// and the adds since some earlier finished generation.
type projectGen struct {
	rest, cur uint64
	adding    bool        // the write under way only adds notes
	log       []appendRec // oldest first; each one's before is the previous one's after
	ids       int         // ids in log
}

// appendRec is one finished add: the generation before it, the one after.
type appendRec struct {
	before, after uint64
	ids           []string
}

// gens holds every project's projectGen; base is the rest generation of a
// project this Index has not written.
type gens struct {
	mu   sync.Mutex
	m    map[string]*projectGen
	base uint64
}

func (g *gens) get(projectID string) *projectGen {
	pg := g.m[projectID]
	if pg == nil {
		pg = &projectGen{rest: g.base, cur: g.base}
		g.m[projectID] = pg
	}
	return pg
}

func (g *gens) generation(projectID string) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	if pg := g.m[projectID]; pg != nil {
		return pg.cur
	}
	return g.base
}

// begin marks a write to the project under way; added says it only adds
// notes.
func (g *gens) begin(projectID string, added bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	pg := g.get(projectID)
	pg.cur, pg.adding = stamps.Add(1), added
}

// end marks the write finished: an add (ids not nil) joins the history,
// anything else empties it.
func (g *gens) end(projectID string, ids []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	pg := g.get(projectID)
	after := stamps.Add(1)
	if ids == nil || len(ids) > maxHistoryIDs {
		pg.log, pg.ids = nil, 0
	} else {
		pg.log = append(pg.log, appendRec{before: pg.rest, after: after, ids: ids})
		pg.ids += len(ids)
		for len(pg.log) > maxHistoryWrites || pg.ids > maxHistoryIDs {
			pg.ids -= len(pg.log[0].ids)
			pg.log[0] = appendRec{}
			pg.log = pg.log[1:]
		}
	}
	pg.rest, pg.cur, pg.adding = after, after, false
}

// reset is a write that is not an add and needs no begin (a drop, a
// swapped-in rebuild): a new generation without history.
func (g *gens) reset(projectID string) {
	g.begin(projectID, false)
	g.end(projectID, nil)
}

// AppendedSince returns the ids of the notes added to the project's shard
// since generation gen, and the generation now whose notes they and gen's
// make up: the last finished write's. ok is false when a write since gen
// did more than add notes, one is doing so now, the history no longer
// reaches back to gen, or gen is not a finished write's generation of this
// Index. With no write since gen, ids is empty and now is gen.
func (ix *Index) AppendedSince(projectID string, gen uint64) (ids []string, now uint64, ok bool) {
	g := &ix.gens
	g.mu.Lock()
	defer g.mu.Unlock()
	pg := g.m[projectID]
	if pg == nil {
		return nil, g.base, gen == g.base
	}
	if pg.cur != pg.rest && !pg.adding {
		return nil, 0, false
	}
	if gen == pg.rest {
		return nil, gen, true
	}
	for i := len(pg.log) - 1; i >= 0; i-- {
		if pg.log[i].before == gen {
			for _, r := range pg.log[i:] {
				ids = append(ids, r.ids...)
			}
			return ids, pg.rest, true
		}
	}
	return nil, 0, false
}

// newNotes returns the ids of upserts when the write adds notes only: no
// deletes, and none of the ids in the shard yet; otherwise nil. A
// failed check counts as "not only adds", which costs a recount, never a
// wrong one.
func (sh *shard) newNotes(upserts []NoteDoc, deletes []string) []string {
	if len(deletes) > 0 || len(upserts) == 0 || len(upserts) > maxHistoryIDs {
		return nil
	}
	ids := make([]string, 0, len(upserts))
	for _, d := range upserts {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), 0, 0, false)
	res, err := sh.bi.Search(req)
	if err != nil || res.Total > 0 {
		return nil
	}
	return ids
}

// allFacetValues is the facet size that asks Bleve for every value: it
// counts them all anyway and only cuts the list at the end.
const allFacetValues = 1 << 30

// CountAdded counts the facets r asks for (all their values, as
// Request.AllFacetValues does) and the matches among the notes ids only,
// with r's query and filters as a search on the whole project builds them
// (never the fuzzy second try), on the date window win of a bounded search
// (Result.Window; nil: none). Added to the counts of a search before the
// notes were added, it gives the counts after, over the same window.
func (ix *Index) CountAdded(ctx context.Context, projectID string, r Request, ids []string, win *Window) (map[string][]FacetCount, uint64, error) {
	parsed, err := ParseQuery(r.Query)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, 0, errors.New("search: index is closed")
	}
	r.Facets, r.AllFacetValues = true, true
	sh := ix.shards[projectID]
	if sh == nil || len(ids) == 0 {
		return emptyResult(r).Facets, 0, nil
	}
	only := []query.Query{query.NewDocIDQuery(ids)}
	if win != nil {
		only = append(only, win.w.query())
	}
	q, _, err := sh.buildQuery(parsed, r, false, only...)
	if err != nil {
		return nil, 0, err
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	addFacets(req, r)
	ctx, cancel := context.WithTimeout(ctx, DefaultSearchTimeout)
	defer cancel()
	res, err := sh.searchChecked(ctx, req)
	if err != nil {
		return nil, 0, err
	}
	out, err := buildResult(res, 0, sortSpec{}, cursor{})
	if err != nil {
		return nil, 0, err
	}
	return out.Facets, res.Total, nil
}

// addFacets asks req for r's facets: each one's top values, or all of them.
func addFacets(req *bleve.SearchRequest, r Request) {
	for _, f := range facetSpecs {
		if len(r.FacetNames) > 0 && !slices.Contains(r.FacetNames, f.key) {
			continue
		}
		size := f.size
		if r.AllFacetValues {
			size = allFacetValues
		}
		req.AddFacet(f.key, bleve.NewFacetRequest(f.field, size))
	}
}

// MergeFacets adds the counts of b to those of a, value by value, into new
// lists in the facets' order (count descending, then term). Both must hold
// every value (AllFacetValues): a value missing from a truncated list
// could belong above its cut.
func MergeFacets(a, b map[string][]FacetCount) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(a))
	for key, as := range a {
		n := map[string]int{}
		for _, f := range as {
			n[f.Term] += f.Count
		}
		for _, f := range b[key] {
			n[f.Term] += f.Count
		}
		fs := make([]FacetCount, 0, len(n))
		for t, c := range n {
			fs = append(fs, FacetCount{Term: t, Count: c})
		}
		sortFacets(fs)
		out[key] = fs
	}
	return out
}

// TopFacets cuts lists of all values to each facet's top ones, the values a
// search without AllFacetValues answers: Bleve orders and cuts the same
// way. The lists are shared, not copied.
func TopFacets(all map[string][]FacetCount) map[string][]FacetCount {
	if all == nil {
		return nil
	}
	out := make(map[string][]FacetCount, len(all))
	for key, fs := range all {
		for _, f := range facetSpecs {
			if f.key == key && len(fs) > f.size {
				fs = fs[:f.size:f.size]
			}
		}
		out[key] = fs
	}
	return out
}

func sortFacets(fs []FacetCount) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Count != fs[j].Count {
			return fs[i].Count > fs[j].Count
		}
		return fs[i].Term < fs[j].Term
	})
}
