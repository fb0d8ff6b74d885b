package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
)

func (h *handlers) uploadSources(c *gin.Context) {
	form, err := c.MultipartForm()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload larger than %d bytes", app.MaxUploadBody))
			return
		}
		invalid(c, "file", "expected a multipart/form-data upload with one or more \"file\" fields")
		return
	}
	defer func() { _ = form.RemoveAll() }()
	results, err := h.App.UploadFiles(c.Request.Context(), mustScope(c), form.File["file"], app.Upload{
		Kind: c.PostForm("kind"), Date: c.PostForm("date"), Place: c.PostForm("place"), Interviewer: c.PostForm("interviewer"),
		Participants: c.PostForm("participants"), TestID: c.PostForm("test_id"),
		TextColumn: c.PostForm("text_column"), ParticipantColumn: c.PostForm("participant_column"),
		DateColumn: c.PostForm("date_column"), Sheet: c.PostForm("sheet"),
	})
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
	srcs, err := h.App.Sources(c.Request.Context(), mustScope(c), before, limit)
	if err != nil {
		h.failErr(c, err)
		return
	}
	page := Page[model.Source]{Items: srcs}
	if len(srcs) > 0 {
		page.NextCursor = nextCursor(len(srcs), limit, srcs[len(srcs)-1].ID)
	}
	c.JSON(http.StatusOK, page)
}

func (h *handlers) getSource(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.ReadSource) }

func (h *handlers) getNote(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.ReadNote) }

func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		fail(c, http.StatusNotFound, "not_found", name+" is not a known id")
		return 0, false
	}
	return id, true
}
