package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// importQDPX imports the uploaded .qdpx through the same use case as the
// API and the CLI and shows the reports page with a line per item.
func (h *handlers) importQDPX(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.import", "")
		return
	}
	res, err := h.App.ImportUploadedQDPX(c.Request.Context(), server.MustScope(c), fh)
	if fe, ok := model.AsFieldError(err); ok && fe.Field == "file" {
		h.failMsg(c, http.StatusBadRequest, "error.import", "")
		return
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.showReports(c, &res)
}

// importKeys are the messages an import result is shown with.
func importKeys() []string {
	keys := []string{"error.import"}
	for _, k := range []string{"code", "source", "selection", "note", "case", "set"} {
		keys = append(keys, "import.kind."+k)
	}
	for _, st := range []string{app.ItemImported, app.ItemReused, app.ItemDuplicate, app.ItemSkipped, app.ItemReported} {
		keys = append(keys, "import.status."+st)
	}
	for _, r := range app.QDPXReasons {
		keys = append(keys, "import.reason."+r)
	}
	return keys
}
