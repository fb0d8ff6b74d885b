// Package search keeps the Bleve full-text index over field notes: the
// Danish mapping, atomic batch writes with their checkpoint, the search-box
// query language, facets, highlights, paging and "more like this".
//
// # The index directory (layout 2)
//
//	index/                   the Indexer's directory (data dir/index)
//	  indsigt-index.json     layout, schema version, checkpoint (written atomically after every batch)
//	  projects/<project id>/ one Bleve (scorch) index per project: a shard
//	index.lock               beside it: flock held by the process using the index
//	index.broken-<n>/        beside it: the latest damaged index, kept for a person to look at
//
// Deleting index/ is always safe: it is rebuilt from the store. An index of
// layout 1 (one Bleve index for all projects directly in index/, recognised
// by index/index_meta.json) is an upgrade: Open reports ErrSchemaMismatch,
// the Indexer removes it and rebuilds layout 2 in index.build-<n>, then
// swaps it in. The first start after the upgrade therefore answers 503 on
// /readyz until the rebuild is done, as after a schema change.
//
// # Decisions worth knowing
//
// One shard per project. A search or more-like-this opens only its
// project's shard, so its cost grows with the project, not the
// installation, and BM25's statistics (document frequencies, average
// length) are the project's own: a hit's score in one project cannot tell
// whether a word occurs in another (issue 12, finding 7). A project can be
// rebuilt (Indexer.RebuildProject) or dropped with its files
// (Indexer.DropProject, for erasure) alone. A query has no project clause:
// the shard is the filter (a clause every note of the shard matches only
// made Bleve walk the whole project's postings on every search).
//
// Erasure. Bleve's deletes only mark a document as gone until its segment
// is merged away, so its text stays in the files for a while. After the
// store erased notes, Indexer.RebuildProject writes the project's shard
// anew from the store and removes the old files; Indexer.DropProject
// removes an erased project's files at once.
//
// Checkpoints. A batch of change-log rows is split by project; each
// shard's part is one Bleve batch that carries the checkpoint (SetInternal),
// and only after all of them is the checkpoint written to
// indsigt-index.json, which is where catching up resumes. A crash in
// between applies the batch again, which is harmless: upserts read the
// note's current state and deletes are idempotent. The checkpoint names the
// change it ends at (project, note); on open it is compared with the
// store, and an index ahead of the store or naming a change the store does
// not hold (an older database restored under a kept index) is rebuilt.
//
// Faults. Damaged files (bolt pages, segments, metadata) are reported as
// ErrCorrupt on open, a panic in Bleve's open included; the Indexer moves
// the index aside and rebuilds. A write that fails (a full disk) is logged,
// reported by Healthy and Ready, and retried; it clears by itself when a
// write succeeds again. A second process on the same directory gets
// ErrLocked, also while a rebuild runs.
//
// The lean search path. The query is what a person would write by hand: a
// match query per word, a phrase query per phrase, term queries for
// filters. Words one edit away are asked for only with "word~", or when
// nothing matches as typed (a spelling fallback, remembered by the cursor).
// Prefixes ("word*") are bounded: at most MaxPrefixTerms per query, each
// counted in the term dictionary first and refused beyond
// MaxPrefixExpansion (MaxExpandedTerms for all together); fuzzy terms at
// most MaxFuzzyTerms. Every search has a deadline (the context's, at most
// DefaultSearchTimeout); overrunning it or a bound is ErrInvalidQuery with
// a message saying what to change. Every order ends with date_key, a
// unique string of date (to the nanosecond) and id read from doc values,
// so the order is the same for the same notes (also after a rebuild) and
// pages follow each other exactly with SearchAfter: paging by date in
// either direction visits every note once. Bleve's own tie-break on _id
// decodes every hit's stored id and cost more than the rest of the search
// on frequent words. By relevance, the first page is sorted by score alone
// (Bleve then reads no field of the hits it drops) and tie-broken from the
// stored date_key of the page; when the page ends inside a tie, the cursor
// names the tied notes shown and the next pages, in the full order, start at
// the top of the tie without them. Filters alone (no words) list the newest
// first. Facets are computed only when asked for, and only those in
// Request.FacetNames when given. Request.IDsOnly leaves out stored fields
// and snippets for callers that need the matching notes, not a page.
//
// Frequent words (issue 14). A search whose words most notes hold runs on
// date windows of the newest notes first (window.go): one more must clause,
// date ≥ the window's start, with boost 0, so scores stay the ones the
// whole project gives. Sorted by date, the page that fills inside the
// window is exact and the search stops there (oldest first likewise, once
// past the notes without a date); by relevance, a query that may match more
// than BoundCandidates notes (by its terms' document frequencies) is ranked
// among the newest window holding at least that many matches, with
// Result.TotalAtLeast set, and facets counted over the same window. The
// windows are cut from a histogram read off the date field's own
// prefix-coded terms, so the layout on disk is unchanged (still layout 2).
// They bound the scoring, not the reading: a window's notes are spread over
// the whole shard's postings, so a frequent word's postings are still
// walked (skipping); separate Bleve indexes per date range would bound that
// too, and are the next step if a project outgrows this.
//
// Highlights. A note's document carries its highlights' tags in tags
// with its own (note_tags stores its own for the hit), so a tag filter and
// the tag facet find and count a note by the tags of its coded spans; the
// spans themselves are attached to hits by the caller from the store (see
// highlights.go).
//
// Codes are not words. Pseudonym codes in note text ("[Borger-3]",
// "[CPR-1]", "Medarbejder-1"; package search/codes) are blanked out of the
// analysed text by a length-preserving char filter (highlights stay
// right), indexed in the codes field, and, when they stand for a person,
// in participant with the speaker, so participant:Borger-3 and the
// participant facet find them, and a search for "borger" does not.
package search

import (
	"fmt"
	"strings"
	"time"

	"indsigt/search/codes"
)

// NoteDoc is one note as the index sees it.
type NoteDoc struct {
	ID          string // note id (decimal string)
	ProjectID   string
	SourceID    string
	SourceTitle string
	Text        string // already pseudonymized
	Tags        []string
	SourceKind  string // interview|observation|workshop|test
	Participant string // participant/speaker code e.g. "Borger-3"
	SpeakerRole string
	InsightIDs  []string
	Phases      []string  // phases of insights this note is evidence for
	Date        time.Time // the source's date (or the note's creation time)
	Position    int

	// HighlightTags are the tags of the note's highlights: indexed with
	// the note's own in tags, so tag filters and the tag facet find the
	// note, but not shown as the note's tags (Tags are the note's own).
	HighlightTags []string
}

// Field names in the index.
const (
	fieldText        = "text"
	fieldSourceTitle = "source_title"
	fieldProject     = "project_id"
	fieldSource      = "source_id"
	fieldTags        = "tags"      // the note's tags and its highlights' tags: filters and the facet
	fieldNoteTags    = "note_tags" // stored only: the note's own tags, shown with a hit
	fieldSourceKind  = "source_kind"
	fieldParticipant = "participant" // the speaker and the person codes the text mentions
	fieldCodes       = "codes"       // every pseudonym code the text mentions
	fieldSpeaker     = "speaker"     // stored only: the speaker code shown with a hit
	fieldSpeakerRole = "speaker_role"
	fieldInsights    = "insight_ids"
	fieldPhases      = "phases"
	fieldDate        = "date"
	fieldDateKey     = "date_key" // unique sort key: date, then note id

	docType = "note"
)

// fields turns the note into the map Bleve indexes. A map (not a struct)
// lets a zero date be left out instead of indexed as year 1.
func (d NoteDoc) fields() map[string]any {
	m := map[string]any{
		"_type":          docType,
		fieldText:        d.Text,
		fieldSourceTitle: d.SourceTitle,
		fieldProject:     d.ProjectID,
		fieldSource:      d.SourceID,
		fieldSourceKind:  d.SourceKind,
		fieldSpeaker:     d.Participant,
		fieldSpeakerRole: d.SpeakerRole,
		fieldDateKey:     dateKey(d.Date, d.ID),
	}
	cs := codes.Values(d.Text + "\n" + d.SourceTitle)
	participants := make([]string, 0, len(cs)+1)
	if d.Participant != "" {
		participants = append(participants, d.Participant)
	}
	for _, c := range cs {
		if codes.IsPerson(c) && c != d.Participant {
			participants = append(participants, c)
		}
	}
	if len(participants) > 0 {
		m[fieldParticipant] = participants
	}
	if len(cs) > 0 {
		m[fieldCodes] = cs
	}
	if len(d.Tags) > 0 {
		m[fieldNoteTags] = d.Tags
	}
	if all := unionTags(d.Tags, d.HighlightTags); len(all) > 0 {
		m[fieldTags] = all
	}
	if len(d.InsightIDs) > 0 {
		m[fieldInsights] = d.InsightIDs
	}
	if len(d.Phases) > 0 {
		m[fieldPhases] = d.Phases
	}
	if !d.Date.IsZero() {
		m[fieldDate] = d.Date.UTC()
	}
	return m
}

// dateKey orders notes by date (to the nanosecond) and then by id, as one
// string: fixed-width hex of the date's Unix nanoseconds shifted to be
// positive, then the id left-padded. Being unique, it makes a date-sorted
// cursor exact without a second sort field; a note without a date sorts as
// the oldest.
func dateKey(t time.Time, id string) string {
	var ns uint64
	if !t.IsZero() {
		ns = uint64(t.UnixNano()) ^ (1 << 63) // flips the sign bit: order preserved, always positive
	}
	pad := 20 - len(id)
	if pad < 0 {
		pad = 0
	}
	return fmt.Sprintf("%016x.%s%s", ns, strings.Repeat("0", pad), id)
}
