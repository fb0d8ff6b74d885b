package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type tagsIn struct {
	Tags    []string `json:"tags"`
	NoteIDs []string `json:"note_ids"` // for bulk tagging; empty with the note in the path
}

// tagNotes tags one note (path) or many (body note_ids, e.g. a search result).
func (h *handlers) tagNotes(c *gin.Context) {
	var in tagsIn
	if !bindJSON(c, &in) {
		return
	}
	ctx, sc := c.Request.Context(), server.MustScope(c)
	if c.Param("id") != "" {
		id, ok := idParam(c, "id")
		if !ok {
			return
		}
		n, err := h.App.TagNote(ctx, sc, id, in.Tags)
		if err != nil {
			h.failErr(c, err)
			return
		}
		c.JSON(http.StatusOK, n)
		return
	}
	ids, err := model.ParseIDs("note_ids", in.NoteIDs, app.MaxTagNotes)
	if err != nil {
		h.failErr(c, err)
		return
	}
	n, err := h.App.TagNotes(ctx, sc, ids, in.Tags)
	h.reply(c, http.StatusOK, gin.H{"tagged": n}, err)
}

func (h *handlers) untagNote(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	_, err := h.App.UntagNote(c.Request.Context(), server.MustScope(c), id, c.Param("tag"))
	h.reply(c, http.StatusNoContent, nil, err)
}

func (h *handlers) codebook(c *gin.Context) {
	cb, err := h.App.Codebook(c.Request.Context(), server.MustScope(c))
	h.reply(c, http.StatusOK, gin.H{"items": cb.Tags, "rules": cb.Rules, "next_cursor": ""}, err)
}

type tagIn struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Color       *string `json:"color"`
	ParentID    *string `json:"parent_id"`  // "" removes the parent (PATCH)
	MergeInto   *string `json:"merge_into"` // PATCH only: merge this tag into another
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// optID reads an optional id field: nil when absent, 0 when "".
func optID(c *gin.Context, field string, v *string) (*int64, bool) {
	if v == nil {
		return nil, true
	}
	if *v == "" {
		var zero int64
		return &zero, true
	}
	id, err := model.ParseID(field, *v)
	if err != nil {
		invalid(c, field, server.Message(err))
		return nil, false
	}
	return &id, true
}

func (h *handlers) createTag(c *gin.Context) {
	var in tagIn
	if !bindJSON(c, &in) {
		return
	}
	if in.MergeInto != nil {
		invalid(c, "merge_into", "merge_into belongs to PATCH …/codebook/{tag}")
		return
	}
	parent, ok := optID(c, "parent_id", in.ParentID)
	if !ok {
		return
	}
	if parent != nil && *parent == 0 {
		parent = nil
	}
	t, err := h.App.CreateTag(c.Request.Context(), server.MustScope(c), app.NewTag{Name: str(in.Name), Description: str(in.Description), Color: str(in.Color), ParentID: parent})
	h.reply(c, http.StatusCreated, t, err)
}

// updateTag renames, describes, recolours or moves a tag, or merges it
// into another; fields left out keep their values.
func (h *handlers) updateTag(c *gin.Context) {
	var in tagIn
	id, ok := bindID(c, "tag", &in)
	if !ok {
		return
	}
	parent, ok := optID(c, "parent_id", in.ParentID)
	if !ok {
		return
	}
	into, ok := optID(c, "merge_into", in.MergeInto)
	if !ok {
		return
	}
	if into != nil && *into == 0 {
		invalid(c, "merge_into", "merge_into is not a tag id")
		return
	}
	err := h.App.UpdateTag(c.Request.Context(), server.MustScope(c), id, app.TagPatch{Name: in.Name, Description: in.Description, Color: in.Color, Parent: parent, MergeInto: into})
	h.reply(c, http.StatusNoContent, nil, err)
}

func (h *handlers) tagCounts(c *gin.Context) {
	counts, err := h.App.TagCounts(c.Request.Context(), server.MustScope(c), c.Query("by"))
	h.reply(c, http.StatusOK, Page[app.TagCount]{Items: counts}, err)
}
