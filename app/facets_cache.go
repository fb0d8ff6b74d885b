package app

import (
	"container/list"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"indsigt/search"
)

// Bounds of the facet cache. An entry holds every value of each facet
// (see facetEntry.all): a few kilobytes in a project of a few hundred
// tags and participants, so the entry bound is the one that usually
// applies; the byte bound keeps long queries, large codebooks and long tag
// names from growing it past a few megabytes.
const (
	maxCachedFacets     = 512
	maxCachedFacetBytes = 8 << 20
)

// facetCache keeps the facets of recent searches, one entry per search
// (project and normalized request), each counted at some index generation
// of the project. An entry serves a search at its own generation; at a
// later one it serves once brought forward by the notes added since, when
// the only writes since were adds (see freshFacets). It holds only what a
// search in the project would answer, and is reached only through the use
// cases, after a Scope.
type facetCache struct {
	mu       sync.Mutex
	lru      *list.List // of *facetEntry, most recently used first
	byKey    map[string]*list.Element
	bytes    int
	inflight map[string]*facetFlight // by key and generation
	// deltas counts the entries brought forward by added notes (for tests).
	deltas atomic.Int64
}

// facetEntry is one search's facets and its count of matching notes
// (exact unless atLeast) at the project's generation gen. Entries are
// shared: read them, never change them; bringing one forward makes a new
// one.
type facetEntry struct {
	key string
	gen uint64
	// exact: no write ran during the count, so the counts are those of
	// gen's notes and may be brought forward.
	exact bool
	// all holds every value of each facet, facets its top ones (what a
	// search shows): adding counts needs all of them, since a value below
	// the cut may rise above it.
	all     map[string][]search.FacetCount
	facets  map[string][]search.FacetCount
	total   uint64
	atLeast bool
	window  *search.Window // the date window a bounded count ran on
	fuzzy   bool           // the counts are of the fuzzy second try (Result.Fuzzy)
	size    int
}

func newFacetEntry(key string, gen uint64, exact bool, res *search.Result) *facetEntry {
	return &facetEntry{key: key, gen: gen, exact: exact, all: res.Facets, facets: search.TopFacets(res.Facets),
		total: res.Total, atLeast: res.TotalAtLeast, window: res.Window, fuzzy: res.Fuzzy, size: entrySize(key, res.Facets)}
}

// forward reports whether counts of added notes may be added to e's: its
// counts are exact ones of its generation's notes, over every match or
// over a known date window (a bounded count, brought forward on the same
// window until it holds twice the bound: then a new count takes a window
// of the newest notes again), and of the query as typed (not the fuzzy
// second try, which added notes could make unneeded).
func (e *facetEntry) forward() bool {
	bounded := !e.atLeast || e.window != nil && e.total < 2*search.BoundCandidates
	return e.exact && bounded && !e.fuzzy
}

// plus is e brought forward to generation gen by the counts of the notes
// added since.
func (e *facetEntry) plus(gen uint64, exact bool, added map[string][]search.FacetCount, total uint64) *facetEntry {
	all := search.MergeFacets(e.all, added)
	return &facetEntry{key: e.key, gen: gen, exact: exact, all: all, facets: search.TopFacets(all),
		total: e.total + total, atLeast: e.atLeast, window: e.window, size: entrySize(e.key, all)}
}

// facetFlight is one computation that identical concurrent requests share.
type facetFlight struct {
	done  chan struct{}
	entry *facetEntry
	err   error
}

func newFacetCache() *facetCache {
	return &facetCache{lru: list.New(), byKey: map[string]*list.Element{}, inflight: map[string]*facetFlight{}}
}

// facetKey is the normalized search that facets depend on: the project,
// the query and the filters (tags in the codebook's spelling, as the index
// holds them), the facets asked for, and which end a date window starts
// from (a frequent word's facets count the window's notes: the newest for
// relevance and newest first, the oldest for oldest first). Paging and
// limit are left out: the facets count every matching note. The
// generation is not part of it: an entry carries its own.
func facetKey(project int64, r search.Request) string {
	var b strings.Builder
	field := func(s string) { b.WriteString(strconv.Quote(s)); b.WriteByte(' ') }
	field(strconv.FormatInt(project, 10))
	field(r.Query)
	tags := slices.Clone(r.Tags)
	slices.Sort(tags)
	field(strings.Join(quoteAll(slices.Compact(tags)), ","))
	field(r.SourceKind)
	field(r.Participant)
	field(r.Phase)
	field(timeKey(r.From))
	field(timeKey(r.To))
	field(strconv.FormatBool(r.Sort == search.SortDateAsc))
	names := slices.Clone(r.FacetNames)
	slices.Sort(names)
	field(strings.Join(quoteAll(slices.Compact(names)), ","))
	spell := make([]string, 0, len(r.TagSpelling))
	for k, v := range r.TagSpelling {
		spell = append(spell, strconv.Quote(k)+"="+strconv.Quote(v))
	}
	slices.Sort(spell)
	field(strings.Join(spell, ","))
	return b.String()
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func timeKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.UnixNano(), 10)
}

// get returns the entry of key, if cached, whatever its generation, and
// marks it recently used.
func (fc *facetCache) get(key string) (*facetEntry, bool) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	el, ok := fc.byKey[key]
	if !ok {
		return nil, false
	}
	fc.lru.MoveToFront(el)
	return el.Value.(*facetEntry), true
}

// put caches e under its key, dropping the least recently used entries
// beyond the bounds, and returns it. An entry of a later generation stays
// in place of e, and so does an exact one in place of an inexact e:
// concurrent counts finish in any order.
func (fc *facetCache) put(e *facetEntry) *facetEntry {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if el, ok := fc.byKey[e.key]; ok {
		old := el.Value.(*facetEntry)
		if old.gen >= e.gen || old.exact && !e.exact {
			return e
		}
		fc.bytes -= old.size
		fc.lru.Remove(el)
		delete(fc.byKey, e.key)
	}
	if e.size > maxCachedFacetBytes {
		return e
	}
	fc.byKey[e.key] = fc.lru.PushFront(e)
	fc.bytes += e.size
	for fc.lru.Len() > maxCachedFacets || fc.bytes > maxCachedFacetBytes {
		old := fc.lru.Back()
		oe := old.Value.(*facetEntry)
		fc.lru.Remove(old)
		delete(fc.byKey, oe.key)
		fc.bytes -= oe.size
	}
	return e
}

// entrySize estimates an entry's memory: the strings and a word or so of
// overhead for each value.
func entrySize(key string, facets map[string][]search.FacetCount) int {
	n := len(key) + 128
	for k, fs := range facets {
		n += len(k) + 48
		for _, f := range fs {
			n += len(f.Term) + 32
		}
	}
	return n
}

// load returns key's entry at generation gen, computing it with compute
// when the cache has none. Identical concurrent requests (same key, same
// generation) wait for one computation; if that one fails because its own
// request ended, a waiter whose request goes on computes again.
func (fc *facetCache) load(ctx context.Context, key string, gen uint64, compute func(context.Context) (*facetEntry, error)) (*facetEntry, error) {
	fk := key + "@" + strconv.FormatUint(gen, 10)
	for {
		if e, ok := fc.get(key); ok && e.gen == gen {
			return e, nil
		}
		fc.mu.Lock()
		if f, ok := fc.inflight[fk]; ok {
			fc.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if f.err == nil {
				return f.entry, nil
			}
			if errors.Is(f.err, context.Canceled) && ctx.Err() == nil {
				continue
			}
			return nil, f.err
		}
		f := &facetFlight{done: make(chan struct{})}
		fc.inflight[fk] = f
		fc.mu.Unlock()
		e, err := compute(ctx)
		if err == nil {
			f.entry = fc.put(e)
		}
		f.err = err
		fc.mu.Lock()
		delete(fc.inflight, fk)
		fc.mu.Unlock()
		close(f.done)
		return f.entry, err
	}
}
