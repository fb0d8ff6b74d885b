package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/store"
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
	ids, ok := h.noteIDs(c, in.NoteIDs)
	if !ok {
		return
	}
	if len(in.Tags) == 0 || len(in.Tags) > 50 {
		fail(c, http.StatusBadRequest, "invalid", "give between 1 and 50 tags")
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	if err := h.Store.TagNotes(ctx, p.ID, ids, in.Tags, u.ID); err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	if c.Param("id") != "" {
		n, err := h.Store.Note(ctx, p.ID, ids[0])
		if err != nil {
			h.failErr(c, err)
			return
		}
		c.JSON(http.StatusOK, n)
		return
	}
	c.JSON(http.StatusOK, gin.H{"tagged": len(ids)})
}

func (h *handlers) noteIDs(c *gin.Context, fromBody []string) ([]int64, bool) {
	if c.Param("id") != "" {
		id, ok := idParam(c, "id")
		return []int64{id}, ok
	}
	if len(fromBody) == 0 || len(fromBody) > 1000 {
		fail(c, http.StatusBadRequest, "invalid", "give between 1 and 1000 note_ids")
		return nil, false
	}
	out := make([]int64, len(fromBody))
	for i, s := range fromBody {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fail(c, http.StatusBadRequest, "invalid", "note id "+strconv.Quote(s)+" is not valid")
			return nil, false
		}
		out[i] = id
	}
	return out, true
}

func (h *handlers) untagNote(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	if err := h.Store.UntagNoteAudited(ctx, p.ID, id, c.Param("tag"), u.ID); err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	c.Status(http.StatusNoContent)
}

func (h *handlers) codebook(c *gin.Context) {
	tags, err := h.Store.Tags(c.Request.Context(), mustProject(c).ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	rules, err := h.Store.Rules(c.Request.Context(), mustProject(c).ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if tags == nil {
		tags = []model.Tag{}
	}
	if rules == nil {
		rules = []store.Rule{}
	}
	c.JSON(http.StatusOK, gin.H{"items": tags, "rules": rules, "next_cursor": ""})
}

type tagIn struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Color       string  `json:"color"`
	ParentID    *string `json:"parent_id"`
	MergeInto   *string `json:"merge_into"` // PATCH only: merge this tag into another
}

func (h *handlers) createTag(c *gin.Context) {
	var in tagIn
	if !bindJSON(c, &in) {
		return
	}
	t, ok := h.tagFrom(c, in)
	if !ok {
		return
	}
	ctx, u := c.Request.Context(), mustUser(c)
	err := h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		t, err = tx.CreateTag(ctx, t, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, t)
}

// updateTag renames or recolours a tag, or merges it into another.
func (h *handlers) updateTag(c *gin.Context) {
	id, ok := idParam(c, "tag")
	if !ok {
		return
	}
	var in tagIn
	if !bindJSON(c, &in) {
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	var err error
	if in.MergeInto != nil {
		into, perr := strconv.ParseInt(*in.MergeInto, 10, 64)
		if perr != nil {
			fail(c, http.StatusBadRequest, "invalid", "merge_into is not a tag id")
			return
		}
		err = h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.MergeTags(ctx, p.ID, id, into, u.ID) })
	} else {
		t, ok := h.tagFrom(c, in)
		if !ok {
			return
		}
		t.ID = id
		err = h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateTag(ctx, t, u.ID) })
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	c.Status(http.StatusNoContent)
}

func (h *handlers) tagFrom(c *gin.Context, in tagIn) (model.Tag, bool) {
	t := model.Tag{ProjectID: mustProject(c).ID, Name: in.Name, Description: in.Description, Color: in.Color}
	if in.ParentID != nil && *in.ParentID != "" {
		pid, err := strconv.ParseInt(*in.ParentID, 10, 64)
		if err != nil {
			fail(c, http.StatusBadRequest, "invalid", "parent_id is not a tag id")
			return t, false
		}
		t.ParentID = &pid
	}
	return t, true
}

func (h *handlers) tagCounts(c *gin.Context) {
	counts, err := h.Store.TagCounts(c.Request.Context(), mustProject(c).ID, c.DefaultQuery("by", "source"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	if counts == nil {
		counts = []store.TagCount{}
	}
	c.JSON(http.StatusOK, Page[store.TagCount]{Items: counts})
}
