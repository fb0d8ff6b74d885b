package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/server"
)

// Erasure and data subject access (GDPR art. 17 and 15), for the
// project's owners and admins: the use cases check and audit.

func (h *handlers) eraseSource(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.EraseSource) }

func (h *handlers) eraseNote(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.EraseNote) }

func (h *handlers) eraseParticipant(c *gin.Context) {
	e, err := h.App.EraseParticipant(c.Request.Context(), server.MustScope(c), c.Param("code"))
	h.reply(c, http.StatusOK, e, err)
}

// subjectReport answers …/participants/{code}/report as JSON, and
// …/report.html as a printable page.
func (h *handlers) subjectReport(c *gin.Context) {
	switch c.Param("report") {
	case "report":
		r, err := h.App.SubjectAccess(c.Request.Context(), server.MustScope(c), c.Param("code"))
		if err != nil {
			h.failErr(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusOK, r)
	case "report.html":
		e, err := h.App.SubjectExport(c.Request.Context(), server.MustScope(c), c.Param("code"), lang(c))
		if err != nil {
			h.failErr(c, err)
			return
		}
		server.Download(c, e)
	default:
		fail(c, http.StatusNotFound, "not_found", "no such route")
	}
}

func lang(c *gin.Context) string {
	if l := c.Query("lang"); l != "" {
		return l
	}
	if strings.HasPrefix(c.GetHeader("Accept-Language"), "en") {
		return "en"
	}
	return "da"
}
