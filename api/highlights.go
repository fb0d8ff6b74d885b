package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
)

// createHighlight answers POST …/notes/{id}/highlights {start, end, tags}:
// 201 with the highlight. start and end are required (characters of the
// note's stored text, end exclusive).
func (h *handlers) createHighlight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in struct {
		Start *int     `json:"start"`
		End   *int     `json:"end"`
		Tags  []string `json:"tags"`
	}
	if !bindJSON(c, &in) {
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
	hl, err := h.App.CreateHighlight(c.Request.Context(), mustScope(c), app.NewHighlight{NoteID: id, Start: *in.Start, End: *in.End, Tags: in.Tags})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, hl)
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
	hs, err := h.App.Highlights(c.Request.Context(), mustScope(c), q)
	if err != nil {
		h.failErr(c, err)
		return
	}
	page := Page[model.Highlight]{Items: hs}
	if len(hs) > 0 {
		page.NextCursor = nextCursor(len(hs), app.MaxHighlightList, hs[len(hs)-1].ID)
	}
	c.JSON(http.StatusOK, page)
}

// queryID reads an optional id from the query string into dst; a bad one
// is a 400 naming the parameter.
func queryID(c *gin.Context, name string, dst *int64) bool {
	v := c.Query(name)
	if v == "" {
		return true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		invalid(c, name, name+" is not a valid id")
		return false
	}
	*dst = n
	return true
}

// tagHighlight answers POST …/highlights/{id}/tags {tags} with the highlight.
func (h *handlers) tagHighlight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in struct {
		Tags []string `json:"tags"`
	}
	if !bindJSON(c, &in) {
		return
	}
	hl, err := h.App.TagHighlight(c.Request.Context(), mustScope(c), id, in.Tags)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, hl)
}

// untagHighlight answers DELETE …/highlights/{id}/tags/{tag} with the highlight.
func (h *handlers) untagHighlight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	hl, err := h.App.UntagHighlight(c.Request.Context(), mustScope(c), id, c.Param("tag"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, hl)
}

func (h *handlers) deleteHighlight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	if err := h.App.DeleteHighlight(c.Request.Context(), mustScope(c), id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
