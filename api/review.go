package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/server"
)

// getReview lists a source's suspected personal data ("Mistænkte
// personoplysninger") with the pseudonymized text around each code.
func (h *handlers) getReview(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.Review) }

// reviewOriginal opens the original behind a suspected match (audited).
func (h *handlers) reviewOriginal(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	v, err := h.App.ReviewOriginal(c.Request.Context(), server.MustScope(c), id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"original": v})
}

// restoreReview puts a false alarm's original back into its note.
func (h *handlers) restoreReview(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.RestoreReview) }

// keepReview confirms a suspected match as personal data.
func (h *handlers) keepReview(c *gin.Context) { h.removeByID(c, "id", h.App.KeepReview) }

// redactNote marks a span of a note as personal data: {text, kind}.
func (h *handlers) redactNote(c *gin.Context) {
	var in app.Mark
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	m, err := h.App.MarkPersonal(c.Request.Context(), server.MustScope(c), id, in)
	h.reply(c, http.StatusOK, m, err)
}
