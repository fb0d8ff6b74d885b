package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type insightIn struct {
	Title        string   `json:"title"`
	Statement    string   `json:"statement"`
	NoteIDs      []string `json:"note_ids"`
	HighlightIDs []string `json:"highlight_ids"`
	Tags         []string `json:"tags"`
}

func (h *handlers) createInsight(c *gin.Context) {
	var in insightIn
	if !bindJSON(c, &in) {
		return
	}
	noteIDs, err := model.ParseIDs("note_ids", in.NoteIDs, app.MaxEvidenceNotes)
	if err != nil {
		h.failErr(c, err)
		return
	}
	highlightIDs, err := model.ParseIDs("highlight_ids", in.HighlightIDs, app.MaxEvidenceNotes)
	if err != nil {
		h.failErr(c, err)
		return
	}
	created, err := h.App.CreateInsight(c.Request.Context(), server.MustScope(c), app.NewInsight{Title: in.Title, Statement: in.Statement, NoteIDs: noteIDs, HighlightIDs: highlightIDs, Tags: in.Tags})
	h.reply(c, http.StatusCreated, created, err)
}

func (h *handlers) listInsights(c *gin.Context) {
	ins, err := h.App.Insights(c.Request.Context(), server.MustScope(c), c.Query("phase"))
	h.reply(c, http.StatusOK, Page[model.Insight]{Items: ins}, err)
}

func (h *handlers) getInsight(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.Insight) }

// updateInsight is a partial update: an omitted field is kept.
func (h *handlers) updateInsight(c *gin.Context) {
	var in struct {
		Title     *string `json:"title"`
		Statement *string `json:"statement"`
	}
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	updated, err := h.App.UpdateInsight(c.Request.Context(), server.MustScope(c), id, app.InsightPatch{Title: in.Title, Statement: in.Statement})
	h.reply(c, http.StatusOK, updated, err)
}

type evidenceIn struct {
	NoteID      string `json:"note_id"`
	HighlightID string `json:"highlight_id"` // the evidence is this highlight of the note
	Stance      string `json:"stance"`
}

func (h *handlers) addEvidence(c *gin.Context) {
	var in evidenceIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	ev, err := parseEvidence(in)
	if err != nil {
		h.failErr(c, err)
		return
	}
	noteID, err := h.App.AddEvidenceItem(c.Request.Context(), server.MustScope(c), id, ev)
	if err != nil {
		h.failErr(c, err)
		return
	}
	out := gin.H{"note_id": model.FormatID(noteID), "stance": ev.Stance}
	if in.HighlightID != "" {
		out["highlight_id"] = in.HighlightID
	}
	c.JSON(http.StatusCreated, out)
}

// parseEvidence reads note_id, or highlight_id (with or without its
// note_id); the stance defaults to supports.
func parseEvidence(in evidenceIn) (ev app.NewEvidence, err error) {
	ev.Stance = model.Stance(in.Stance)
	if ev.Stance == "" {
		ev.Stance = model.Supports
	}
	if in.HighlightID != "" {
		if ev.HighlightID, err = model.ParseID("highlight_id", in.HighlightID); err != nil || in.NoteID == "" {
			return ev, err
		}
	}
	ev.NoteID, err = model.ParseID("note_id", in.NoteID)
	return ev, err
}

func (h *handlers) removeEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	noteID, ok := idParam(c, "note")
	if !ok {
		return
	}
	h.reply(c, http.StatusNoContent, nil, h.App.RemoveEvidence(c.Request.Context(), server.MustScope(c), id, noteID))
}

type phaseIn struct {
	Phase  string `json:"phase"`
	Reason string `json:"reason"`
}

func (h *handlers) movePhase(c *gin.Context) {
	var in phaseIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	moved, hist, err := h.App.MovePhase(c.Request.Context(), server.MustScope(c), id, model.Phase(in.Phase), in.Reason)
	h.reply(c, http.StatusOK, gin.H{"insight": moved, "history": hist}, err)
}
