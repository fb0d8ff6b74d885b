package search

import (
	"context"
	"strconv"

	"indsigt/model"
	"indsigt/search/cluster"
	"indsigt/store"
)

// Suggestion is a candidate insight: a cluster of similar notes.
type Suggestion struct {
	Label        []string     `json:"label"`
	Notes        []model.Note `json:"notes"`
	Participants int          `json:"participants"`
	Sources      int          `json:"sources"`
	Cohesion     float64      `json:"cohesion"`
	// Highlights are the cluster's members when highlights were clustered
	// (HighlightSuggestions); Notes are then their notes.
	Highlights []model.Highlight `json:"highlights,omitempty"`
}

// maxSuggestNotes bounds the notes one suggestion run reads, so that the
// board stays interactive on large projects.
const maxSuggestNotes = 20000

// Suggestions clusters a project's notes (or only the given ones, e.g. a
// search result) into candidate insights. Interviewer turns are left out,
// since questions are not patterns, and so are notes that already back an
// insight when the whole project is clustered.
func Suggestions(ctx context.Context, s *store.Store, projectID int64, noteIDs []int64) ([]Suggestion, error) {
	notes, err := suggestionNotes(ctx, s, projectID, noteIDs)
	if err != nil {
		return nil, err
	}
	docs := make([]cluster.Doc, 0, len(notes))
	byID := make(map[string]model.Note, len(notes))
	for _, n := range notes {
		if n.SpeakerRole == "interviewer" {
			continue
		}
		id := strconv.FormatInt(n.ID, 10)
		byID[id] = n
		docs = append(docs, cluster.Doc{ID: id, Text: n.Text, Participant: n.Speaker, SourceID: strconv.FormatInt(n.SourceID, 10)})
	}
	clusters := cluster.Suggest(docs, cluster.Options{})
	out := make([]Suggestion, 0, len(clusters))
	for _, c := range clusters {
		sg := Suggestion{Label: c.Label, Participants: c.Participants, Sources: c.Sources, Cohesion: c.Cohesion}
		for _, id := range c.NoteIDs {
			sg.Notes = append(sg.Notes, byID[id])
		}
		out = append(out, sg)
	}
	return out, nil
}

func suggestionNotes(ctx context.Context, s *store.Store, projectID int64, noteIDs []int64) ([]model.Note, error) {
	if len(noteIDs) > 0 {
		return s.NotesByID(ctx, projectID, noteIDs[:min(len(noteIDs), maxSuggestNotes)])
	}
	used, err := s.EvidenceNoteIDs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	var out []model.Note
	var after int64
	for len(out) < maxSuggestNotes {
		page, err := s.ProjectNotes(ctx, projectID, after, 2000)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		for _, n := range page {
			if !used[n.ID] {
				out = append(out, n)
			}
		}
		after = page[len(page)-1].ID
	}
	return out, nil
}
