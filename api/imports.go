package api

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
)

// importQDPX imports the REFI-QDA project file in the multipart field
// "file" and answers the per-item result: 201 when anything was written.
func (h *handlers) importQDPX(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload larger than %d bytes", app.MaxUploadBody))
			return
		}
		invalid(c, "file", "expected a multipart/form-data upload with a \"file\" field holding a .qdpx")
		return
	}
	data, err := readFormFile(fh, app.MaxQDPXBytes)
	if err != nil {
		invalid(c, "file", err.Error())
		return
	}
	res, err := h.App.ImportQDPX(c.Request.Context(), mustScope(c), data)
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

// readFormFile reads an uploaded file of at most limit bytes.
func readFormFile(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("the file is larger than %d bytes", limit)
	}
	return b, err
}
