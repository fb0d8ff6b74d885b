// Package search keeps the Bleve full-text index over field notes: the
// Danish mapping, atomic batch writes with their checkpoint, the search-box
// query language, facets, highlights, paging and "more like this".
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
}

// Field names in the index.
const (
	fieldText        = "text"
	fieldSourceTitle = "source_title"
	fieldProject     = "project_id"
	fieldSource      = "source_id"
	fieldTags        = "tags"
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
		m[fieldTags] = d.Tags
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
