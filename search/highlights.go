package search

import "slices"

// Highlights (coded spans of a note) in the index and in hits.
//
// Decisions worth knowing: a note's document carries the tags of its
// highlights in the tags field together with its own, so a tag filter
// (tag:ensomhed, Request.Tags) finds a note whose highlight has the tag,
// and the tag facet counts such a note once, whether the tag is on the
// note, on one of its highlights or on both. The note's own tags are
// stored apart (note_tags) and are what Hit.Tags shows. The spans
// themselves stay out of the index: the caller (app.Search) attaches a
// page's highlights from the store in one query, so a hit never shows a
// span older than the store's, and moving a span (a redaction) needs no
// index write beyond the note's own.

// HitHighlight is one highlight of a hit's note: a span of the note's
// stored text in characters (code points), End exclusive.
type HitHighlight struct {
	ID    int64    `json:"id,string"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Quote string   `json:"quote"`
	Tags  []string `json:"tags"`
	// Matched is true when the highlight carries a tag the search asked
	// for: the span to show as the reason for the hit.
	Matched bool `json:"matched"`
}

// TagFilters lists the tags a request asks for: its facet tags and the
// tag: terms of its query that are not excluded (alternatives joined by
// OR included). A query that does not parse adds none.
func (r Request) TagFilters() []string {
	return append(slices.Clone(r.Tags), tagTerms(r.Query, false)...)
}

// QueryTags lists every tag: value of a search-box query, excluded ones
// too, for the caller to give their codebook spelling (TagSpelling).
func QueryTags(query string) []string { return tagTerms(query, true) }

func tagTerms(query string, excluded bool) []string {
	q, err := ParseQuery(query)
	if err != nil {
		return nil
	}
	var tags []string
	for _, c := range q.Clauses {
		for _, t := range c.Alternatives {
			if t.Kind == TermTag && (excluded || !c.Negate) {
				tags = append(tags, t.Value)
			}
		}
	}
	return tags
}

// unionTags is the note's tags and its highlights' tags, each once, in
// order of first appearance.
func unionTags(own, highlights []string) []string {
	if len(highlights) == 0 {
		return own
	}
	out := slices.Clone(own)
	for _, t := range highlights {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
