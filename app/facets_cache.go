package app

import (
	"container/list"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"indsigt/search"
)

// Bounds of the facet cache. An entry is a few kilobytes (at most 80
// facet values and the query), so the entry bound is the one that
// usually applies; the byte bound keeps long queries and tag names from
// growing it past a few megabytes.
const (
	maxCachedFacets     = 512
	maxCachedFacetBytes = 8 << 20
)

// facetCache keeps the facets of recent searches. A key holds the
// project's index generation, which changes on every write to the
// project's shard, so an entry is never stale: a write makes new keys and
// the old entries age out. It holds only what a search in the project
// would answer, and is reached only through the use cases, after a Scope.
type facetCache struct {
	mu       sync.Mutex
	lru      *list.List // of *facetEntry, most recently used first
	byKey    map[string]*list.Element
	bytes    int
	inflight map[string]*facetFlight
}

// facetEntry is one search's facets and its count of matching notes
// (exact unless atLeast). The facets are shared: read them, never change
// them.
type facetEntry struct {
	key     string
	facets  map[string][]search.FacetCount
	total   uint64
	atLeast bool
	size    int
}

// facetFlight is one computation that identical concurrent misses share.
type facetFlight struct {
	done  chan struct{}
	entry *facetEntry
	err   error
}

func newFacetCache() *facetCache {
	return &facetCache{lru: list.New(), byKey: map[string]*list.Element{}, inflight: map[string]*facetFlight{}}
}

// facetKey is the normalized search that facets depend on: the project,
// its index generation, the query and the filters (tags in the codebook's
// spelling, as the index holds them) and the facets asked for. Paging,
// sort and limit are left out: the facets count every matching note.
func facetKey(project int64, gen uint64, r search.Request) string {
	var b strings.Builder
	field := func(s string) { b.WriteString(strconv.Quote(s)); b.WriteByte(' ') }
	field(strconv.FormatInt(project, 10))
	field(strconv.FormatUint(gen, 10))
	field(r.Query)
	tags := slices.Clone(r.Tags)
	slices.Sort(tags)
	field(strings.Join(quoteAll(slices.Compact(tags)), ","))
	field(r.SourceKind)
	field(r.Participant)
	field(r.Phase)
	field(timeKey(r.From))
	field(timeKey(r.To))
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

// get returns the entry of key, if cached, and marks it recently used.
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

// put caches a result's facets and total under key, dropping the least recently used
// entries beyond the bounds.
func (fc *facetCache) put(key string, res *search.Result) *facetEntry {
	e := &facetEntry{key: key, facets: res.Facets, total: res.Total, atLeast: res.TotalAtLeast, size: entrySize(key, res.Facets)}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if el, ok := fc.byKey[key]; ok {
		fc.bytes -= el.Value.(*facetEntry).size
		fc.lru.Remove(el)
	}
	if e.size > maxCachedFacetBytes {
		delete(fc.byKey, key)
		return e
	}
	fc.byKey[key] = fc.lru.PushFront(e)
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

// load returns key's entry, computing it with compute on a miss. Identical
// concurrent misses wait for one computation; if that one fails because
// its own request ended, a waiter whose request goes on computes again.
func (fc *facetCache) load(ctx context.Context, key string, compute func(context.Context) (*search.Result, error)) (*facetEntry, error) {
	for {
		if e, ok := fc.get(key); ok {
			return e, nil
		}
		fc.mu.Lock()
		if f, ok := fc.inflight[key]; ok {
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
		fc.inflight[key] = f
		fc.mu.Unlock()
		res, err := compute(ctx)
		if err == nil {
			f.entry = fc.put(key, res)
		}
		f.err = err
		fc.mu.Lock()
		delete(fc.inflight, key)
		fc.mu.Unlock()
		close(f.done)
		return f.entry, err
	}
}
