package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/server"
)

// importQDPX imports the REFI-QDA project file in the multipart field
// "file" and answers the per-item result: 201 when anything was written.
func (h *handlers) importQDPX(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		badUpload(c, err, `a "file" field holding a .qdpx`)
		return
	}
	res, err := h.App.ImportUploadedQDPX(c.Request.Context(), server.MustScope(c), fh)
	if err != nil {
		h.failErr(c, err)
		return
	}
	status := http.StatusOK
	if res.Codes+res.Sources+res.Highlights+res.Codings+res.Memos > 0 {
		status = http.StatusCreated
	}
	c.JSON(status, res)
}

// badUpload answers a request whose multipart form could not be read: 413
// when it ran over the route's body limit, else 400 saying what it needs.
func badUpload(c *gin.Context, err error, needs string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload larger than %d bytes", mbe.Limit))
		return
	}
	invalid(c, "file", "expected a multipart/form-data upload with "+needs)
}
