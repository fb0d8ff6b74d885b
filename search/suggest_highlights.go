package search

import (
	"context"
	"slices"
	"strconv"

	"indsigt/model"
	"indsigt/search/cluster"
	"indsigt/store"
)

// HighlightSuggestions clusters a project's highlights by the text of
// their spans (or only the highlights of the given notes, e.g. a search
// result) into candidate insights: the designer's own codings, grouped.
// Highlights an insight already cites are left out when the whole project
// is clustered. Each suggestion carries its highlights, most
// representative first, and their notes.
func HighlightSuggestions(ctx context.Context, s *store.Store, projectID int64, noteIDs []int64) ([]Suggestion, error) {
	hs, err := suggestionHighlights(ctx, s, projectID, noteIDs)
	if err != nil {
		return nil, err
	}
	docs := make([]cluster.Doc, 0, len(hs))
	byID := make(map[string]model.Highlight, len(hs))
	for _, h := range hs {
		id := strconv.FormatInt(h.ID, 10)
		byID[id] = h
		docs = append(docs, cluster.Doc{ID: id, Text: h.Quote, Participant: h.Speaker, SourceID: strconv.FormatInt(h.SourceID, 10)})
	}
	clusters := cluster.Suggest(docs, cluster.Options{})
	out := make([]Suggestion, 0, len(clusters))
	for _, c := range clusters {
		sg := Suggestion{Label: c.Label, Participants: c.Participants, Sources: c.Sources, Cohesion: c.Cohesion}
		var notes []int64
		for _, id := range c.NoteIDs {
			h := byID[id]
			sg.Highlights = append(sg.Highlights, h)
			notes = append(notes, h.NoteID)
		}
		slices.Sort(notes)
		if sg.Notes, err = s.NotesByID(ctx, projectID, slices.Compact(notes)); err != nil {
			return nil, err
		}
		out = append(out, sg)
	}
	return out, nil
}

func suggestionHighlights(ctx context.Context, s *store.Store, projectID int64, noteIDs []int64) ([]model.Highlight, error) {
	if len(noteIDs) > 0 {
		return s.Highlights(ctx, projectID, store.HighlightFilter{NoteIDs: noteIDs, Limit: maxSuggestNotes})
	}
	cited, err := s.EvidenceHighlightIDs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	hs, err := s.Highlights(ctx, projectID, store.HighlightFilter{Limit: maxSuggestNotes + len(cited)})
	if err != nil {
		return nil, err
	}
	out := hs[:0]
	for _, h := range hs {
		if !cited[h.ID] && len(out) < maxSuggestNotes {
			out = append(out, h)
		}
	}
	return out, nil
}
