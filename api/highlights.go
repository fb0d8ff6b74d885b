package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// createHighlight answers POST …/notes/{id}/highlights {start, end, tags}:
// 201 with the highlight. start and end are required (characters of the
// note's stored text, end exclusive).
func (h *handlers) createHighlight(c *gin.Context) {
	var in struct {
		Start *int     `json:"start"`
		End   *int     `json:"end"`
		Tags  []string `json:"tags"`
	}
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	switch {
	case in.Start == nil:
		invalid(c, "start", "start is required")
		return
	case in.End == nil:
		invalid(c, "end", "end is required")
		return
	}
	hl, err := h.App.CreateHighlight(c.Request.Context(), server.MustScope(c), app.NewHighlight{NoteID: id, Start: *in.Start, End: *in.End, Tags: in.Tags})
	h.reply(c, http.StatusCreated, hl, err)
}

// listHighlights answers GET …/highlights?note_id=&source_id=&tag=&cursor=,
// paged by highlight id.
func (h *handlers) listHighlights(c *gin.Context) {
	q := app.HighlightQuery{Tag: c.Query("tag")}
	var note int64
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"note_id", &note}, {"source_id", &q.SourceID}, {"cursor", &q.AfterID}} {
		if !queryID(c, p.name, p.dst) {
			return
		}
	}
	if note > 0 {
		q.NoteIDs = []int64{note}
	}
	hs, err := h.App.Highlights(c.Request.Context(), server.MustScope(c), q)
	h.reply(c, http.StatusOK, pageOf(hs, app.MaxHighlightList, func(hl model.Highlight) int64 { return hl.ID }), err)
}

// queryID reads an optional id from the query string into dst; a bad one
// is a 400 naming the parameter.
func queryID(c *gin.Context, name string, dst *int64) bool {
	n, err := model.ParseOptionalID(name, c.Query(name))
	if err != nil {
		invalid(c, name, server.Message(err))
		return false
	}
	*dst = n
	return true
}

// tagHighlight answers POST …/highlights/{id}/tags {tags} with the highlight.
func (h *handlers) tagHighlight(c *gin.Context) {
	var in struct {
		Tags []string `json:"tags"`
	}
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	hl, err := h.App.TagHighlight(c.Request.Context(), server.MustScope(c), id, in.Tags)
	h.reply(c, http.StatusOK, hl, err)
}

// untagHighlight answers DELETE …/highlights/{id}/tags/{tag} with the highlight.
func (h *handlers) untagHighlight(c *gin.Context) {
	replyByID(h, c, http.StatusOK, func(ctx context.Context, sc app.Scope, id int64) (model.Highlight, error) {
		return h.App.UntagHighlight(ctx, sc, id, c.Param("tag"))
	})
}

func (h *handlers) deleteHighlight(c *gin.Context) { h.removeByID(c, "id", h.App.DeleteHighlight) }
