package app

import (
	"context"
	"strconv"
	"time"

	"indsigt/model"
	"indsigt/search"
)

// MaxSuggestNotes bounds the notes of a search that suggestions cluster.
const MaxSuggestNotes = 200

// SuggestRequest asks for suggestions: of the whole project (Search nil),
// served from the cache, or of the notes a search finds (its first
// MaxSuggestNotes), the designer's current slice.
type SuggestRequest struct {
	Search *search.Request
	// Of is what is clustered: "notes" (empty) or "highlights", the
	// highlights' spans (of the search's notes, when Search is set).
	Of string
	// Wait is how long to wait for the project's clustering when the
	// cache is stale: the board waits briefly and asks again later, the
	// API waits for the answer. Zero means the board's wait.
	Wait time.Duration
}

// Suggestions are clusters of similar notes, labelled, not yet insights.
type Suggestions struct {
	Items []search.Suggestion
	// Computing means the project's first clustering still runs: there
	// is nothing to show yet, ask again.
	Computing bool
}

// Suggestions clusters notes into suggestions; the read is audited.
// Search errors are errors, not an empty board.
func (a *App) Suggestions(ctx context.Context, s Scope, in SuggestRequest) (Suggestions, error) {
	var out Suggestions
	highlights, err := suggestOf(in.Of)
	if err != nil {
		return out, err
	}
	if in.Search == nil {
		wait := in.Wait
		if wait <= 0 {
			wait = boardWait
		}
		sugg, ready, err := a.suggest.project(ctx, a.Store, suggestKey{project: s.Project.ID, highlights: highlights}, a.Log, wait)
		if err != nil {
			return out, err
		}
		out.Items, out.Computing = sugg, !ready
	} else {
		ids, err := a.searchNoteIDs(ctx, s, *in.Search)
		if err != nil {
			return out, err
		}
		if len(ids) > 0 {
			cluster := search.Suggestions
			if highlights {
				cluster = search.HighlightSuggestions
			}
			if out.Items, err = cluster(ctx, a.Store, s.Project.ID, ids); err != nil {
				return out, err
			}
		}
	}
	if out.Items == nil {
		out.Items = []search.Suggestion{}
	}
	object := "notes"
	if highlights {
		object = "highlights"
	}
	if err := a.auditRead(ctx, s, "suggestions.read", object, ""); err != nil {
		return Suggestions{}, err
	}
	return out, nil
}

// suggestOf reads SuggestRequest.Of: whether highlights are clustered.
func suggestOf(of string) (highlights bool, err error) {
	switch of {
	case "", "notes":
		return false, nil
	case "highlights":
		return true, nil
	}
	return false, model.Invalid("of", model.RuleOneOf, "of must be notes or highlights, not %q", of)
}

// searchNoteIDs finds the first notes of a search.
func (a *App) searchNoteIDs(ctx context.Context, s Scope, req search.Request) ([]int64, error) {
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	req.Limit, req.Facets, req.Cursor, req.IDsOnly = MaxSuggestNotes, false, "", true
	if req.TagSpelling, err = a.tagSpelling(ctx, s, req.Query); err != nil {
		return nil, err
	}
	res, err := ix.SearchContext(ctx, projectKey(s), req)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, hit := range res.Hits {
		if id, err := strconv.ParseInt(hit.NoteID, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
