package search

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Date windows: bounded work on frequent words (issue 14).
//
// Bleve finds the best page by visiting every match, so a word most notes
// hold costs as much as the project is large. A search on such a word
// therefore runs on a window of the newest notes first: the query gets one
// more must clause, date ≥ the window's start, with boost 0, so that it
// adds nothing to any score and leaves the query norm alone (scores are the
// ones the whole project gives; its statistics are the project's). Bleve's
// conjunction leads with the smaller side, so the work is the window's
// size, not the word's document count.
//
// Sorted by date, a page that fills inside the window is exact: every note
// outside it is older (newer, for oldest first) than every note in it. A
// page that does not fill widens the window and runs again, until the
// window is the whole project.
//
// By relevance, the window is used only when the query may match more than
// BoundCandidates notes (an upper bound from the terms' document
// frequencies): then the page is the best among the matches in the newest
// window holding at least BoundCandidates of them, Result.TotalAtLeast is
// set and Total is the window's count. A window holding fewer widens, so a
// query with fewer matches than the bound is answered exactly. The cursor
// keeps the window's start, so the next pages rank the same candidates.
// Facets asked with such a search are counted over the same window and
// flagged by the same TotalAtLeast.
//
// The windows are cut at the buckets of the date field's own prefix-coded
// terms (2^bucketShift ns, about 4.9 hours), whose document frequencies are
// a histogram of the notes' dates read from the term dictionary; it is
// cached per shard until the next write.
const (
	// BoundCandidates is how many matches a relevance search on a
	// frequent word scores at least before it stops (see above).
	BoundCandidates = 20000
	bucketShift     = 44
	// maxBuckets makes the histogram coarser when the dates span too long.
	maxBuckets = 8192
	// maxWindowRuns bounds the widenings of one search.
	maxWindowRuns = 6
)

// The bounds in use: variables so that tests can reach the windows with a
// small corpus.
var (
	boundCandidates uint64 = BoundCandidates
	// dateWindowMin: below this many possible matches (or notes), a search
	// reads them all (that is cheap) rather than windows.
	dateWindowMin uint64 = 4000
)

// histogram counts the shard's notes by date bucket.
type histogram struct {
	version  uint64   // the shard's write count it was read at
	shift    uint     // bucket width 2^shift ns
	starts   []int64  // bucket starts, ascending
	counts   []uint64 // notes per bucket (deleted ones may still count)
	total    uint64
	undated  bool   // some notes have no date (they sort as the oldest)
	docCount uint64 // the shard's notes
}

func (h *histogram) width() int64 { return int64(1) << h.shift }

// histogram returns the shard's date histogram, read again after a write.
func (sh *shard) histogram() (*histogram, error) {
	v := sh.writes.Load()
	if h := sh.hist.Load(); h != nil && h.version == v {
		return h, nil
	}
	r, err := sh.reader()
	if err != nil {
		return nil, err
	}
	defer func() { _ = r.Close() }()
	h := &histogram{version: v}
	for shift := uint(bucketShift); shift < 64; shift += 4 {
		h.shift, h.starts, h.counts, h.total = shift, h.starts[:0], h.counts[:0], 0
		d, err := r.FieldDictPrefix(fieldDate, []byte{numeric.ShiftStartInt64 + byte(shift)})
		if err != nil {
			return nil, fmt.Errorf("search: read date dictionary: %w", err)
		}
		for len(h.starts) <= maxBuckets {
			e, err := d.Next()
			if err != nil {
				_ = d.Close()
				return nil, fmt.Errorf("search: read date dictionary: %w", err)
			}
			if e == nil {
				break
			}
			start, err := numeric.PrefixCoded(e.Term).Int64()
			if err != nil {
				continue
			}
			h.starts, h.counts, h.total = append(h.starts, start), append(h.counts, e.Count), h.total+e.Count
		}
		_ = d.Close()
		if len(h.starts) <= maxBuckets {
			break
		}
	}
	if h.docCount, err = r.DocCount(); err != nil {
		return nil, fmt.Errorf("search: count documents: %w", err)
	}
	d, err := r.FieldDictPrefix(fieldDateKey, []byte(strings.Repeat("0", 16)+"."))
	if err != nil {
		return nil, fmt.Errorf("search: read date keys: %w", err)
	}
	e, err := d.Next()
	_ = d.Close()
	if err != nil {
		return nil, fmt.Errorf("search: read date keys: %w", err)
	}
	h.undated = e != nil
	sh.hist.Store(h)
	return h, nil
}

// window is the date range a search is limited to: from (inclusive) when
// newest first, to (exclusive) when oldest first, in Unix nanoseconds.
type window struct {
	newest bool
	edge   int64
}

// cut returns the window that holds about need notes at or beyond from
// (the cursor's date; nil for the first page) in the window's direction,
// and false when that would be the whole rest of the project.
func (h *histogram) cut(newest bool, from *int64, need uint64) (window, bool) {
	var acc uint64
	if newest {
		for i := len(h.starts) - 1; i >= 0; i-- {
			if from != nil && h.starts[i] > *from {
				continue
			}
			if acc += h.counts[i]; acc >= need && i > 0 {
				return window{newest: true, edge: h.starts[i]}, true
			}
		}
		return window{}, false
	}
	if h.undated && from == nil {
		return window{}, false // they come first and the date field does not hold them
	}
	for i := range h.starts {
		end := h.starts[i] + h.width()
		if from != nil && end <= *from {
			continue
		}
		if acc += h.counts[i]; acc >= need && i < len(h.starts)-1 {
			return window{edge: end}, true
		}
	}
	return window{}, false
}

// query is the window as a must clause that scores nothing.
func (w window) query() query.Query {
	t := time.Unix(0, w.edge).UTC()
	incl, excl := true, false
	var q *query.DateRangeQuery
	if w.newest {
		q = query.NewDateRangeInclusiveQuery(t, time.Time{}, &incl, &excl)
	} else {
		q = query.NewDateRangeInclusiveQuery(time.Time{}, t, &incl, &excl)
	}
	q.SetField(fieldDate)
	q.SetBoost(0)
	return q
}

// keyNanos is the date in a date_key (see dateKey); nil for a note without
// a date.
func keyNanos(k string) *int64 {
	var u uint64
	if _, err := fmt.Sscanf(k[:16], "%016x", &u); err != nil || u == 0 {
		return nil
	}
	ns := int64(u ^ (1 << 63))
	return &ns
}

// estimate is an upper bound on the notes the query matches, from the
// document frequencies of its words and phrases: the least over the
// clauses every note must satisfy, each the sum over its alternatives.
// Kinds it cannot bound cheaply count as every note.
func (sh *shard) estimate(ctx context.Context, parsed Query, all uint64) (uint64, error) {
	r, err := sh.reader()
	if err != nil {
		return 0, err
	}
	defer func() { _ = r.Close() }()
	df := func(field, term string) (uint64, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return 0, fmt.Errorf("search: read term: %w", err)
		}
		defer func() { _ = tfr.Close() }()
		return tfr.Count(), nil
	}
	est := all
	for _, c := range parsed.Clauses {
		if c.Negate {
			continue
		}
		var sum uint64
		for _, t := range c.Alternatives {
			n := all
			if (t.Kind == TermWord && !t.Prefix && !t.Fuzzy) || t.Kind == TermPhrase {
				for _, st := range sh.stems(t.Value) {
					m, err := df(fieldText, st)
					if err != nil {
						return 0, err
					}
					n = min(n, m)
				}
			}
			sum += n
		}
		if len(c.Alternatives) > 0 {
			est = min(est, sum)
		}
	}
	return est, nil
}

// need is how many notes a window should hold to give want matches when
// est of all notes match.
func need(want, est, all uint64) uint64 {
	if est == 0 {
		return all
	}
	n := float64(want) * float64(all) / float64(est)
	if n > math.MaxInt64/2 {
		return all
	}
	return uint64(n) + 1
}
