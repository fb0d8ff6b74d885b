// Package search keeps the Bleve full-text index over field notes: the
// Danish mapping, atomic batch writes with their checkpoint, the search-box
// query language, facets, highlights, paging and "more like this".
package search

import "time"

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
	fieldParticipant = "participant"
	fieldSpeakerRole = "speaker_role"
	fieldInsights    = "insight_ids"
	fieldPhases      = "phases"
	fieldDate        = "date"
	fieldPosition    = "position"

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
		fieldParticipant: d.Participant,
		fieldSpeakerRole: d.SpeakerRole,
		fieldPosition:    float64(d.Position),
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
