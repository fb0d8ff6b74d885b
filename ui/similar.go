package ui

import (
	"context"
	"fmt"

	"indsigt/app"
	"indsigt/model"
)

// likeNote is the note a "more like this" search starts from, shown above
// its results so the designer sees what the results are like.
type likeNote struct {
	Note      model.Note
	SourceURL string
}

// similarSearch fills v with the notes like v.Like and with that note.
func (h *handlers) similarSearch(ctx context.Context, sc app.Scope, v searchView) searchView {
	hits, err := h.App.Similar(ctx, sc, v.Like, 20)
	if err != nil {
		v.Error = searchError(err)
		return v
	}
	slug := sc.Project.Slug
	v.Total, v.Hits = uint64(len(hits)), h.hitViews(slug, hits)
	id, err := model.ParseID("like", v.Like)
	if err != nil {
		return v
	}
	// The results stand without it: a note erased meanwhile is not an error.
	if n, err := h.App.ReadNote(ctx, sc, id); err == nil {
		v.LikeNote = &likeNote{Note: n, SourceURL: fmt.Sprintf("/p/%s/sources/%d#note-%d", slug, n.SourceID, n.ID)}
	}
	return v
}
