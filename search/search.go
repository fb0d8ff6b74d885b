package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Paging limits.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// Sort orders accepted in Request.Sort.
const (
	SortRelevance = "relevance"
	SortDateAsc   = "date"
	SortDateDesc  = "-date"
)

// snippetRunes is how much leading text a hit without highlights shows.
const snippetRunes = 200

// ErrBadCursor means Request.Cursor was not produced by Search for the same
// sort order.
var ErrBadCursor = errors.New("search: invalid cursor")

// Request is one search from the search box plus facet filters.
type Request struct {
	Query       string   // the search box text, parsed by ParseQuery
	Tags        []string // extra filters from facets (AND)
	SourceKind  string
	Participant string
	Phase       string
	From, To    time.Time // zero = open; To is exclusive
	Sort        string    // "relevance" (default), "date" (oldest first) or "-date" (newest first)
	Limit       int       // default 20, max 200
	Cursor      string    // opaque, from Result.NextCursor
	Facets      bool
	// FacetNames limits the facets computed when Facets is set (keys of
	// Result.Facets); empty means all of them.
	FacetNames []string
	// IDsOnly leaves out stored fields and snippets: hits carry NoteID and
	// Score only (and Date is zero). For callers that need the matching
	// notes, not a page to show, such as clustering a search result.
	IDsOnly bool
}

// Hit is one matching note.
type Hit struct {
	NoteID      string
	SourceID    string
	SourceTitle string
	Snippet     string // safe HTML: escaped text with <mark> around hits
	Tags        []string
	Score       float64
	Participant string
	SourceKind  string
	Date        time.Time
}

// FacetCount is one facet value and how many matching notes carry it.
type FacetCount struct {
	Term  string
	Count int
}

// Result is one page of hits.
type Result struct {
	Total      uint64
	Hits       []Hit
	Facets     map[string][]FacetCount // keys: "tags", "source_kind", "participant", "phase"
	NextCursor string                  // empty on the last page
}

// facetSpecs names the facets: result key, index field, size.
var facetSpecs = []struct {
	key, field string
	size       int
}{
	{"tags", fieldTags, 30},
	{"source_kind", fieldSourceKind, 10},
	{"participant", fieldParticipant, 30},
	{"phase", fieldPhases, 10},
}

var hitFields = []string{fieldText, fieldSource, fieldSourceTitle, fieldTags, fieldSpeaker, fieldSourceKind, fieldDate}

// Bounds on one search's work.
const (
	// DefaultSearchTimeout is the deadline of a search whose context has
	// none (or a later one).
	DefaultSearchTimeout = 3 * time.Second
	// MaxOffset bounds how deep relevance paging goes: each page collects
	// every hit before it again. Sorting by date pages without limit.
	MaxOffset = 10000
)

// Search runs r within one project with the default deadline; see
// SearchContext.
func (ix *Index) Search(projectID string, r Request) (*Result, error) {
	return ix.SearchContext(context.Background(), projectID, r)
}

// SearchContext runs r within one project: only the project's shard is
// searched, and the project filter is also a must clause of the query, so
// nothing in r can reach another project's notes. A search that overruns
// ctx's deadline (at most DefaultSearchTimeout) fails with ErrInvalidQuery.
func (ix *Index) SearchContext(ctx context.Context, projectID string, r Request) (*Result, error) {
	if projectID == "" {
		return nil, errors.New("search: empty project id")
	}
	parsed, err := ParseQuery(r.Query)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	order, err := sortOrder(r.Sort)
	if err != nil {
		return nil, err
	}
	if order.name == SortRelevance && !parsed.scores() {
		// Filters alone give every hit the same kind of score: show the
		// newest first, and page exactly, however many there are.
		order = sortSpec{name: SortRelevance, fields: dateDesc(), keyed: true}
	}
	var cur cursor
	if r.Cursor != "" {
		if cur, err = decodeCursor(r.Cursor, order); err != nil {
			return nil, err
		}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, errors.New("search: index is closed")
	}
	sh := ix.shards[projectID]
	if sh == nil {
		if err := ix.down[projectID]; err != nil {
			return nil, fmt.Errorf("search: the project's index cannot be read until it is written again: %w", err)
		}
		return emptyResult(r), nil // the project has no notes yet
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultSearchTimeout)
	defer cancel()
	return sh.search(ctx, projectID, parsed, r, order, cur)
}

func (sh *shard) search(ctx context.Context, projectID string, parsed Query, r Request, order sortSpec, cur cursor) (*Result, error) {
	q, fuzzyLater, err := sh.buildQuery(projectID, parsed, r, cur.Fuzzy)
	if err != nil {
		return nil, err
	}
	res, err := sh.run(ctx, q, r, order, cur)
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && fuzzyLater && !cur.Fuzzy && r.Cursor == "" {
		// Nothing matches as typed: try the long words one edit away, as a
		// spelling correction. Only here, so the common search stays lean;
		// the cursor remembers it for the next pages.
		if q, _, err = sh.buildQuery(projectID, parsed, r, true); err != nil {
			return nil, err
		}
		cur.Fuzzy = true
		if res, err = sh.run(ctx, q, r, order, cur); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// run sends one request to Bleve: one sort key (the score, or the unique
// date key), stored fields and highlights, facets only when asked for.
func (sh *shard) run(ctx context.Context, q query.Query, r Request, order sortSpec, cur cursor) (*Result, error) {
	size := clampLimit(r.Limit)
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.SortByCustom(order.fields)
	if !order.keyed {
		req.From = cur.Offset
	} else {
		// One more than the page tells whether another page follows.
		req.Size = size + 1
		if cur.Key != "" {
			req.SetSearchAfter([]string{cur.Key})
		}
	}
	if !r.IDsOnly {
		req.Fields = hitFields
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField(fieldText)
	}
	if r.Facets {
		for _, f := range facetSpecs {
			if len(r.FacetNames) > 0 && !slices.Contains(r.FacetNames, f.key) {
				continue
			}
			req.AddFacet(f.key, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := sh.searchBleve(ctx, req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("search: %w: the search took too long; make it narrower", ErrInvalidQuery)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("search: %w", ctx.Err())
		}
		return nil, fmt.Errorf("search: run query: %w", err)
	}
	return buildResult(res, size, order, cur)
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// emptyResult is the answer in a project without notes.
func emptyResult(r Request) *Result {
	out := &Result{Hits: []Hit{}}
	if r.Facets {
		out.Facets = map[string][]FacetCount{}
		for _, f := range facetSpecs {
			if len(r.FacetNames) == 0 || slices.Contains(r.FacetNames, f.key) {
				out.Facets[f.key] = []FacetCount{}
			}
		}
	}
	return out
}

// buildQuery combines the project filter, the parsed query and the facet
// filters into one boolean query. fuzzy adds the edit-distance alternative
// of long words; fuzzyPossible reports whether any word has one.
func (sh *shard) buildQuery(projectID string, parsed Query, r Request, fuzzy bool) (q query.Query, fuzzyPossible bool, err error) {
	must := []query.Query{keywordQuery(fieldProject, projectID)}
	tr := translation{sh: sh, fuzzy: fuzzy}
	qm, mustNot, err := tr.translate(parsed)
	if err != nil {
		return nil, false, err
	}
	must = append(must, qm...)
	for _, t := range r.Tags {
		must = append(must, keywordQuery(fieldTags, t))
	}
	if r.SourceKind != "" {
		must = append(must, keywordQuery(fieldSourceKind, r.SourceKind))
	}
	if r.Participant != "" {
		must = append(must, keywordQuery(fieldParticipant, r.Participant))
	}
	if r.Phase != "" {
		must = append(must, keywordQuery(fieldPhases, r.Phase))
	}
	if dq := dateQuery(r.From, r.To); dq != nil {
		must = append(must, dq)
	}
	bq := query.NewBooleanQuery(must, nil, nil)
	if len(mustNot) > 0 {
		bq.AddMustNot(mustNot...)
	}
	return bq, tr.fuzzyPossible, nil
}

type sortSpec struct {
	name   string
	fields bsearch.SortOrder
	keyed  bool // by date_key, paged with SearchAfter; else by score, paged by offset
}

func dateDesc() bsearch.SortOrder {
	return bsearch.SortOrder{&bsearch.SortField{Field: fieldDateKey, Type: bsearch.SortFieldAsString, Desc: true}}
}

// sortOrder has a single key per order. Relevance sorts by score alone,
// which lets Bleve skip loading every hit's id (a tie-break on _id costs
// more than the rest of the search on frequent words); it pages by offset.
// Date orders sort by date_key, which is unique, and page exactly with
// SearchAfter.
func sortOrder(s string) (sortSpec, error) {
	switch s {
	case "", SortRelevance:
		return sortSpec{SortRelevance, bsearch.SortOrder{&bsearch.SortScore{Desc: true}}, false}, nil
	case SortDateAsc, SortDateDesc:
		f := &bsearch.SortField{Field: fieldDateKey, Type: bsearch.SortFieldAsString, Desc: s == SortDateDesc}
		return sortSpec{s, bsearch.SortOrder{f}, true}, nil
	}
	return sortSpec{}, fmt.Errorf("search: %w: unknown sort %q", ErrInvalidQuery, s)
}

// cursor is what NextCursor encodes: the sort order it belongs to and
// where the next page starts: an offset for relevance, the last hit's
// date key for date orders.
type cursor struct {
	Sort   string `json:"s"`
	Offset int    `json:"o,omitempty"`
	Key    string `json:"k,omitempty"`
	Fuzzy  bool   `json:"f,omitempty"` // the first page fell back to fuzzy matching
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // a struct of strings and ints always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, order sortSpec) (cursor, error) {
	sortName := order.name
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return cursor{}, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	if c.Sort != sortName {
		return cursor{}, fmt.Errorf("%w: does not fit sort %q", ErrBadCursor, sortName)
	}
	if !order.keyed {
		if c.Offset <= 0 || c.Offset > MaxOffset || c.Key != "" {
			return cursor{}, fmt.Errorf("%w: bad offset", ErrBadCursor)
		}
	} else if !validDateKey(c.Key) || c.Offset != 0 {
		return cursor{}, fmt.Errorf("%w: bad date key", ErrBadCursor)
	}
	return c, nil
}

func validDateKey(k string) bool {
	if len(k) < 18 || k[16] != '.' {
		return false
	}
	for _, r := range k[:16] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

func buildResult(res *bleve.SearchResult, size int, order sortSpec, cur cursor) (*Result, error) {
	sortName := order.name
	hits := res.Hits
	more := false
	if !order.keyed {
		next := cur.Offset + len(hits)
		more = len(hits) == size && uint64(next) < res.Total && next <= MaxOffset
	} else if len(hits) > size {
		hits, more = hits[:size], true
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(hits))}
	for _, dm := range hits {
		out.Hits = append(out.Hits, toHit(dm))
	}
	if more {
		if !order.keyed {
			out.NextCursor = encodeCursor(cursor{Sort: sortName, Offset: cur.Offset + len(hits), Fuzzy: cur.Fuzzy})
		} else {
			// For a string sort Bleve reports the term itself: the exact key.
			if last := hits[len(hits)-1]; len(last.Sort) == 1 {
				out.NextCursor = encodeCursor(cursor{Sort: sortName, Key: last.Sort[0], Fuzzy: cur.Fuzzy})
			}
		}
	}
	if len(res.Facets) > 0 {
		out.Facets = make(map[string][]FacetCount, len(res.Facets))
		for key, fr := range res.Facets {
			counts := []FacetCount{}
			if fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					counts = append(counts, FacetCount{Term: t.Term, Count: t.Count})
				}
			}
			sort.SliceStable(counts, func(i, j int) bool {
				if counts[i].Count != counts[j].Count {
					return counts[i].Count > counts[j].Count
				}
				return counts[i].Term < counts[j].Term
			})
			out.Facets[key] = counts
		}
	}
	return out, nil
}

func toHit(dm *bsearch.DocumentMatch) Hit {
	h := Hit{
		NoteID:      dm.ID,
		Score:       dm.Score,
		SourceID:    fieldString(dm.Fields[fieldSource]),
		SourceTitle: fieldString(dm.Fields[fieldSourceTitle]),
		Participant: fieldString(dm.Fields[fieldSpeaker]),
		SourceKind:  fieldString(dm.Fields[fieldSourceKind]),
		Tags:        fieldStrings(dm.Fields[fieldTags]),
	}
	if ds := fieldString(dm.Fields[fieldDate]); ds != "" {
		if t, err := time.Parse(time.RFC3339Nano, ds); err == nil {
			h.Date = t.UTC()
		}
	}
	if frags := dm.Fragments[fieldText]; len(frags) > 0 && strings.Contains(strings.Join(frags, ""), "<mark>") {
		h.Snippet = strings.Join(frags, " … ")
	} else {
		h.Snippet = leadSnippet(fieldString(dm.Fields[fieldText]))
	}
	return h
}

// leadSnippet is the escaped start of the text, for hits without term
// locations (filter-only queries).
func leadSnippet(text string) string {
	r := []rune(text)
	if len(r) <= snippetRunes {
		return html.EscapeString(text)
	}
	return html.EscapeString(string(r[:snippetRunes])) + "…"
}

func fieldString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return fieldString(x[0])
		}
	}
	return ""
}

// fieldStrings reads a stored multi-value field, which Bleve returns as a
// string when it has one value and as []any otherwise.
func fieldStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
