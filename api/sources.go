package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/server"
)

func (h *handlers) uploadSources(c *gin.Context) {
	form, err := c.MultipartForm()
	if err != nil {
		badUpload(c, err, `one or more "file" fields`)
		return
	}
	defer func() { _ = form.RemoveAll() }()
	results, err := h.App.UploadFiles(c.Request.Context(), server.MustScope(c), form.File["file"], app.ParseUpload(form.Value))
	if err != nil {
		h.failErr(c, err)
		return
	}
	status := http.StatusOK
	for _, r := range results {
		if r.Status == ingest.StatusIngested {
			status = http.StatusCreated
		}
	}
	c.JSON(status, Page[ingest.Result]{Items: results})
}

func (h *handlers) listSources(c *gin.Context) {
	before, limit, ok := pageParams(c)
	if !ok {
		return
	}
	srcs, err := h.App.Sources(c.Request.Context(), server.MustScope(c), before, limit)
	h.reply(c, http.StatusOK, pageOf(srcs, limit, func(s model.Source) int64 { return s.ID }), err)
}

func (h *handlers) getSource(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.ReadSource) }

func (h *handlers) getNote(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.ReadNote) }

// idParam reads the id in the path parameter name; a malformed one
// answers 404 like an id that does not exist.
func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := server.PathID(c, name)
	if err != nil {
		fail(c, http.StatusNotFound, "not_found", name+" is not a known id")
		return 0, false
	}
	return id, true
}
