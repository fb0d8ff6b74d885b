package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/server"
)

// importQDPX imports the REFI-QDA project file in the multipart field
// "file" and answers the per-item result: 201 when anything was written.
func (h *handlers) importQDPX(c *gin.Context) {
	fh, ok := formFile(c, "file", `a "file" field holding a .qdpx`)
	if !ok {
		return
	}
	res, err := h.App.ImportUploadedQDPX(c.Request.Context(), server.MustScope(c), fh)
	status := http.StatusOK
	if res.Codes+res.Sources+res.Highlights+res.Codings+res.Memos > 0 {
		status = http.StatusCreated
	}
	h.reply(c, status, res, err)
}
