package search

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
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

var hitFields = []string{fieldText, fieldSource, fieldSourceTitle, fieldTags, fieldParticipant, fieldSourceKind, fieldDate}

// Search runs r within one project. The project filter is a must clause of
// every query, so nothing in r can reach another project's notes.
func (ix *Index) Search(projectID string, r Request) (*Result, error) {
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
	req := bleve.NewSearchRequestOptions(ix.buildQuery(projectID, parsed, r), clampLimit(r.Limit), 0, false)
	req.SortByCustom(order.fields)
	if r.Cursor != "" {
		after, err := decodeCursor(r.Cursor, order.name)
		if err != nil {
			return nil, err
		}
		req.SetSearchAfter(after)
	}
	req.Fields = hitFields
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(fieldText)
	if r.Facets {
		for _, f := range facetSpecs {
			req.AddFacet(f.key, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := ix.bi.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: run query: %w", err)
	}
	return buildResult(res, req.Size, order.name)
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

// buildQuery combines the project filter, the parsed query and the facet
// filters into one boolean query.
func (ix *Index) buildQuery(projectID string, parsed Query, r Request) query.Query {
	must := []query.Query{keywordQuery(fieldProject, projectID)}
	qm, mustNot := ix.translate(parsed)
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
	return bq
}

type sortSpec struct {
	name   string
	fields bsearch.SortOrder
}

func sortOrder(s string) (sortSpec, error) {
	byID := &bsearch.SortDocID{}
	switch s {
	case "", SortRelevance:
		return sortSpec{SortRelevance, bsearch.SortOrder{&bsearch.SortScore{Desc: true}, byID}}, nil
	case SortDateAsc, SortDateDesc:
		// The type must be explicit: with SortFieldAuto Bleve cannot decode
		// a date in SearchAfter.
		f := &bsearch.SortField{Field: fieldDate, Type: bsearch.SortFieldAsDate, Desc: s == SortDateDesc, Missing: bsearch.SortFieldMissingLast}
		return sortSpec{s, bsearch.SortOrder{f, byID}}, nil
	}
	return sortSpec{}, fmt.Errorf("search: %w: unknown sort %q", ErrInvalidQuery, s)
}

// cursor is what NextCursor encodes: the sort order it belongs to and the
// last hit's sort values in Bleve's SearchAfter form.
type cursor struct {
	Sort  string   `json:"s"`
	After []string `json:"a"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // a struct of strings always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sortName string) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	if c.Sort != sortName || len(c.After) != 2 || c.After[1] == "" {
		return nil, fmt.Errorf("%w: does not fit sort %q", ErrBadCursor, sortName)
	}
	if sortName == SortRelevance {
		if _, err := strconv.ParseFloat(c.After[0], 64); err != nil {
			return nil, fmt.Errorf("%w: bad score", ErrBadCursor)
		}
	} else if _, err := time.Parse(time.RFC3339Nano, c.After[0]); err != nil {
		return nil, fmt.Errorf("%w: bad date", ErrBadCursor)
	}
	return c.After, nil
}

func buildResult(res *bleve.SearchResult, size int, sortName string) (*Result, error) {
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, dm := range res.Hits {
		out.Hits = append(out.Hits, toHit(dm))
	}
	if len(res.Hits) == size && uint64(size) < res.Total {
		last := out.Hits[len(out.Hits)-1]
		if c, ok := nextCursor(last, sortName); ok {
			out.NextCursor = c
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

// nextCursor builds the SearchAfter values of the last hit. Bleve reports
// "_score" and prefix-coded dates in DocumentMatch.Sort, so the values are
// taken from the hit itself instead.
func nextCursor(h Hit, sortName string) (string, bool) {
	if sortName == SortRelevance {
		return encodeCursor(cursor{sortName, []string{strconv.FormatFloat(h.Score, 'g', -1, 64), h.NoteID}}), true
	}
	if h.Date.IsZero() {
		// A note without date sorts last; there is nothing after it to ask for
		// by date, so paging stops here.
		return "", false
	}
	return encodeCursor(cursor{sortName, []string{h.Date.UTC().Format(time.RFC3339Nano), h.NoteID}}), true
}

func toHit(dm *bsearch.DocumentMatch) Hit {
	h := Hit{
		NoteID:      dm.ID,
		Score:       dm.Score,
		SourceID:    fieldString(dm.Fields[fieldSource]),
		SourceTitle: fieldString(dm.Fields[fieldSourceTitle]),
		Participant: fieldString(dm.Fields[fieldParticipant]),
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
