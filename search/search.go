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
	"strconv"
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
	// AllFacetValues counts every value of each facet, not only its top
	// ones: for a cache that adds counts up (MergeFacets, TopFacets).
	AllFacetValues bool
	// IDsOnly leaves out stored fields and snippets: hits carry NoteID and
	// Score only (and Date is zero). For callers that need the matching
	// notes, not a page to show, such as clustering a search result.
	IDsOnly bool
	// TagSpelling maps tag: values of the query, lower-cased, to the
	// codebook's spelling (which the index holds), so that tag:ensomhed
	// finds Ensomhed; see QueryTags.
	TagSpelling map[string]string
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
	// Highlights are the note's highlights, attached by the caller from
	// the store (see HitHighlight); the index does not hold them.
	Highlights []HitHighlight
}

// FacetCount is one facet value and how many matching notes carry it.
type FacetCount struct {
	Term  string
	Count int
}

// Result is one page of hits.
type Result struct {
	Total uint64
	// TotalAtLeast means Total is a lower bound: the search stopped
	// counting once the page was certain (a frequent word in a large
	// project). Show it as "mindst N" / "N+", never as an exact count.
	TotalAtLeast bool
	Hits         []Hit
	Facets       map[string][]FacetCount // keys: "tags", "source_kind", "participant", "phase"
	NextCursor   string                  // empty on the last page
	// Fuzzy: nothing matched as typed, and these are the matches of the
	// long words one edit away.
	Fuzzy bool
	// Window is the date window a bounded count ran on (with
	// TotalAtLeast; nil otherwise): CountAdded counts added notes on the
	// same one, so that a bounded count can be brought forward too.
	Window *Window
}

// Window is the date window of a bounded search (window.go), opaque.
type Window struct{ w window }

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

var hitFields = []string{fieldText, fieldSource, fieldSourceTitle, fieldNoteTags, fieldSpeaker, fieldSourceKind, fieldDate, fieldDateKey}

// Bounds on one search's work.
const (
	// DefaultSearchTimeout is the deadline of a search whose context has
	// none (or a later one).
	DefaultSearchTimeout = 3 * time.Second
)

// Search runs r within one project with the default deadline; see
// SearchContext.
func (ix *Index) Search(projectID string, r Request) (*Result, error) {
	return ix.SearchContext(context.Background(), projectID, r)
}

// SearchContext runs r within one project: only the project's shard is
// searched, which holds the project's notes alone, and the query language
// has no way to name another shard, so nothing in r can reach another
// project's notes. A search that overruns
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
		order = sortSpec{name: SortRelevance, fields: dateDesc()}
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
	res, fuzzyLater, err := sh.runWindowed(ctx, projectID, parsed, r, order, cur)
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && fuzzyLater && !cur.Fuzzy && r.Cursor == "" {
		// Nothing matches as typed: try the long words one edit away, as a
		// spelling correction. Only here, so the common search stays lean;
		// the cursor remembers it for the next pages.
		cur.Fuzzy = true
		if res, _, err = sh.runWindowed(ctx, projectID, parsed, r, order, cur); err != nil {
			return nil, err
		}
	}
	res.Fuzzy = cur.Fuzzy
	return res, nil
}

// runWindowed runs the query on date windows of the newest (or oldest)
// notes when that bounds the work (see window.go), else on the whole
// project.
func (sh *shard) runWindowed(ctx context.Context, projectID string, parsed Query, r Request, order sortSpec, cur cursor) (*Result, bool, error) {
	runIn := func(w *window) (*Result, bool, error) {
		var extra []query.Query
		if w != nil {
			extra = append(extra, w.query())
		}
		q, fuzzyLater, err := sh.buildQuery(parsed, r, cur.Fuzzy, extra...)
		if err != nil {
			return nil, false, err
		}
		res, err := sh.run(ctx, q, r, order, cur)
		return res, fuzzyLater, err
	}
	if cur.Win != nil {
		// A later page by relevance ranks the first page's candidates.
		w := window{newest: true, edge: *cur.Win}
		res, fuzzyLater, err := runIn(&w)
		if err == nil {
			res.TotalAtLeast, res.Window = true, &Window{w}
			res.NextCursor = withWindow(res.NextCursor, w.edge)
		}
		return res, fuzzyLater, err
	}
	h, from, n, ok, err := sh.planWindow(ctx, parsed, r, order, cur)
	if err != nil || !ok {
		if err != nil {
			return nil, false, err
		}
		return runIn(nil)
	}
	newest := order.scored || order.fields[0].(*bsearch.SortField).Desc
	want := boundCandidates
	if !order.scored {
		want = uint64(clampLimit(r.Limit) + 1)
	}
	for run := 0; run < maxWindowRuns; run++ {
		w, ok := h.cut(newest, from, n)
		if !ok {
			break
		}
		res, fuzzyLater, err := runIn(&w)
		if err != nil {
			return nil, false, err
		}
		got := res.Total
		if !order.scored {
			got = uint64(len(res.Hits))
			if res.NextCursor != "" {
				got++
			}
		}
		if got >= want {
			res.TotalAtLeast, res.Window = true, &Window{w}
			if order.scored {
				res.NextCursor = withWindow(res.NextCursor, w.edge)
			}
			return res, fuzzyLater, nil
		}
		// Widen by what this window showed, at least twice, at most 16 times.
		grow := 16.0
		if got > 0 {
			grow = min(16, max(2, 1.5*float64(want)/float64(got)))
		}
		n = uint64(float64(n)*grow) + 1
	}
	return runIn(nil)
}

// planWindow decides whether a search runs on date windows: it returns the
// histogram, the cursor's date, and how many notes the first window should
// hold.
func (sh *shard) planWindow(ctx context.Context, parsed Query, r Request, order sortSpec, cur cursor) (h *histogram, from *int64, n uint64, ok bool, err error) {
	if cur.Fuzzy || len(cur.Skip) > 0 || (order.scored && cur.Key != "") {
		return nil, nil, 0, false, nil
	}
	if h, err = sh.histogram(); err != nil {
		return nil, nil, 0, false, err
	}
	if h.docCount <= dateWindowMin || len(h.starts) < 2 {
		return nil, nil, 0, false, nil
	}
	est, err := sh.estimate(ctx, parsed, h.docCount)
	if err != nil {
		return nil, nil, 0, false, err
	}
	if order.scored {
		if est <= boundCandidates {
			return nil, nil, 0, false, nil // few enough to rank them all: exact
		}
		return h, nil, need(boundCandidates, est, h.docCount), true, nil
	}
	if est <= dateWindowMin {
		return nil, nil, 0, false, nil
	}
	if cur.Key != "" {
		if from = keyNanos(cur.Key); from == nil {
			return nil, nil, 0, false, nil // among the notes without a date: the plain search
		}
	}
	if r.Facets {
		// Facets count the window: make it hold as many matches as a
		// bounded relevance search would, so that both sorts count alike.
		return h, from, need(max(boundCandidates, uint64(clampLimit(r.Limit)+1)), est, h.docCount), true, nil
	}
	// Twice the notes that should hold a page, and never a tiny window.
	return h, from, max(256, 2*need(uint64(clampLimit(r.Limit)+1), est, h.docCount)), true, nil
}

// withWindow adds a relevance window's start to a cursor.
func withWindow(c string, edge int64) string {
	if c == "" {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return c
	}
	var cur cursor
	if json.Unmarshal(b, &cur) != nil {
		return c
	}
	cur.Win = &edge
	return encodeCursor(cur)
}

// run sends one request to Bleve: one sort key (the score, or the unique
// date key), stored fields and highlights, facets only when asked for.
func (sh *shard) run(ctx context.Context, q query.Query, r Request, order sortSpec, cur cursor) (*Result, error) {
	size := clampLimit(r.Limit)
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	// One more than the page tells whether another page follows.
	req.Size = size + 1
	// The first page by relevance sorts by score alone, which lets Bleve
	// skip reading any field of the hits it does not keep; the tie-break on
	// date_key is then applied to the page. That is the exact order unless
	// the hit after the page ties with the page's last one: then which of
	// the tied hits are on the page is Bleve's choice, and the cursor names
	// them, so that the next page, in the exact order, starts at the top of
	// the tie and leaves them out.
	fast := order.scored && cur.Key == "" && len(cur.Skip) == 0 && !r.IDsOnly
	if fast {
		req.SortByCustom(order.fields[:1])
	} else {
		req.SortByCustom(order.fields)
		req.Size += len(cur.Skip)
	}
	switch {
	case len(cur.Skip) > 0 && cur.Key == "":
		req.SetSearchAfter([]string{cur.Score, topOfTie})
	case cur.Key != "" && order.scored:
		req.SetSearchAfter([]string{cur.Score, cur.Key})
	case cur.Key != "":
		req.SetSearchAfter([]string{cur.Key})
	}
	if !r.IDsOnly {
		req.Fields = hitFields
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField(fieldText)
	}
	if r.Facets {
		addFacets(req, r)
	}
	res, err := sh.searchChecked(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(cur.Skip) > 0 {
		res.Hits = slices.DeleteFunc(res.Hits, func(h *bsearch.DocumentMatch) bool { return slices.Contains(cur.Skip, h.ID) })
	}
	if !fast {
		return buildResult(res, size, order, cur)
	}
	tieBreak(res.Hits)
	if len(res.Hits) <= size || res.Hits[size].Score != res.Hits[size-1].Score {
		return buildResult(res, size, order, cur)
	}
	out, err := buildResult(res, size, order, cur)
	if err != nil {
		return nil, err
	}
	tie := res.Hits[size-1].Score
	next := cursor{Sort: order.name, Score: strconv.FormatFloat(tie, 'g', -1, 64), Fuzzy: cur.Fuzzy}
	for _, h := range res.Hits[:size] {
		if h.Score == tie {
			next.Skip = append(next.Skip, h.ID)
		}
	}
	out.NextCursor = encodeCursor(next)
	return out, nil
}

// topOfTie is a date_key above every real one ('~' sorts after hex
// digits): SearchAfter(score, topOfTie) starts at the first hit of that
// score.
const topOfTie = "~"

// tieBreak orders hits sorted by score alone as the full relevance order
// does (score, then date_key descending) and gives each the sort values
// that order would have given it, from the stored date_key.
func tieBreak(hits []*bsearch.DocumentMatch) {
	for _, h := range hits {
		h.Sort = []string{"_score", fieldString(h.Fields[fieldDateKey])}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Sort[1] > hits[j].Sort[1]
	})
}

// searchChecked is searchBleve with a deadline overrun turned into
// ErrInvalidQuery.
func (sh *shard) searchChecked(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
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
	return res, nil
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

// buildQuery combines the parsed query and the facet filters into one
// boolean query. fuzzy adds the edit-distance alternative of long words;
// fuzzyPossible reports whether any word has one.
//
// It has no project clause: a shard holds one project's notes (Apply
// routes by project, and search reaches a shard by its project), and a
// clause every note matches would make Bleve walk the whole project's
// postings beside the words' (a conjunction) on every search.
func (sh *shard) buildQuery(parsed Query, r Request, fuzzy bool, extra ...query.Query) (q query.Query, fuzzyPossible bool, err error) {
	var must []query.Query
	tr := translation{sh: sh, fuzzy: fuzzy, tagSpelling: r.TagSpelling}
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
	must = append(must, extra...)
	if len(must) == 0 {
		must = append(must, query.NewMatchAllQuery())
	}
	if len(must) == 1 && len(mustNot) == 0 {
		return must[0], tr.fuzzyPossible, nil // a conjunction of one costs a wrapper on every hit
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
	scored bool // by score first; date_key then breaks ties
}

func dateDesc() bsearch.SortOrder {
	return bsearch.SortOrder{&bsearch.SortField{Field: fieldDateKey, Type: bsearch.SortFieldAsString, Desc: true}}
}

// sortOrder ends every order with date_key, which is unique (date, then
// id), so pages follow each other exactly with SearchAfter and the same
// index gives the same order. It is read from doc values, which costs less
// per hit than Bleve's tie-break on _id (that decodes every hit's stored
// id). Relevance ties are newest first.
func sortOrder(s string) (sortSpec, error) {
	switch s {
	case "", SortRelevance:
		return sortSpec{SortRelevance, append(bsearch.SortOrder{&bsearch.SortScore{Desc: true}}, dateDesc()...), true}, nil
	case SortDateAsc, SortDateDesc:
		f := &bsearch.SortField{Field: fieldDateKey, Type: bsearch.SortFieldAsString, Desc: s == SortDateDesc}
		return sortSpec{s, bsearch.SortOrder{f}, false}, nil
	}
	return sortSpec{}, fmt.Errorf("search: %w: unknown sort %q", ErrInvalidQuery, s)
}

// cursor is what NextCursor encodes: the sort order it belongs to and the
// last hit's sort values: its score when sorted by it, and its date key.
type cursor struct {
	Sort  string `json:"s"`
	Score string `json:"sc,omitempty"`
	Key   string `json:"k,omitempty"`
	Fuzzy bool   `json:"f,omitempty"` // the first page fell back to fuzzy matching
	// Skip names the hits of the previous page that tie with its last hit,
	// when more hits of that score follow; the next page starts at the top
	// of the tie (Score with no Key) and leaves these out.
	Skip []string `json:"x,omitempty"`
	// Win is the start (Unix ns) of the date window the first page by
	// relevance was ranked in, when the work was bounded (window.go).
	Win *int64 `json:"w,omitempty"`
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
	switch {
	case len(c.Skip) > 0 && (!order.scored || len(c.Skip) > MaxLimit):
		return cursor{}, fmt.Errorf("%w: does not fit sort %q", ErrBadCursor, sortName)
	case len(c.Skip) > 0 && c.Key == "":
		// the top of a tie
	case !validDateKey(c.Key):
		return cursor{}, fmt.Errorf("%w: bad date key", ErrBadCursor)
	}
	if c.Win != nil && !order.scored {
		return cursor{}, fmt.Errorf("%w: does not fit sort %q", ErrBadCursor, sortName)
	}
	if order.scored {
		if _, err := strconv.ParseFloat(c.Score, 64); err != nil {
			return cursor{}, fmt.Errorf("%w: bad score", ErrBadCursor)
		}
	} else if c.Score != "" {
		return cursor{}, fmt.Errorf("%w: does not fit sort %q", ErrBadCursor, sortName)
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
	hits, more := res.Hits, false
	if len(hits) > size {
		hits, more = hits[:size], true
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(hits))}
	for _, dm := range hits {
		out.Hits = append(out.Hits, toHit(dm))
	}
	// For a string sort Bleve reports the term itself: the exact key.
	if more {
		if last := hits[len(hits)-1]; len(last.Sort) == len(order.fields) {
			c := cursor{Sort: sortName, Key: last.Sort[len(last.Sort)-1], Fuzzy: cur.Fuzzy, Win: cur.Win}
			if order.scored {
				c.Score = strconv.FormatFloat(last.Score, 'g', -1, 64)
				if c.Score == cur.Score {
					c.Skip = cur.Skip // still inside the tie the first page cut
				}
			}
			out.NextCursor = encodeCursor(c)
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
			sortFacets(counts)
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
		Tags:        fieldStrings(dm.Fields[fieldNoteTags]),
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
