package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/ingest"
	"indsigt/model"
)

// maxUploadFiles bounds how many files one upload may carry.
const maxUploadFiles = 500

func (h *handlers) uploadSources(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxUploadBody)
	form, err := c.MultipartForm()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload larger than %d bytes", MaxUploadBody))
			return
		}
		fail(c, http.StatusBadRequest, "invalid", "expected a multipart/form-data upload with one or more \"file\" fields")
		return
	}
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) == 0 || len(files) > maxUploadFiles {
		fail(c, http.StatusBadRequest, "invalid", fmt.Sprintf("send between 1 and %d files in fields named \"file\"", maxUploadFiles))
		return
	}
	opt := ingest.Options{
		Kind: c.PostForm("kind"), Date: c.PostForm("date"), Place: c.PostForm("place"),
		Interviewer: c.PostForm("interviewer"), UserID: mustUser(c).ID,
	}
	if v := c.PostForm("test_id"); v != "" {
		// Notes from a Skab/test session belong to that test.
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !h.testInProject(c, id) {
			fail(c, http.StatusBadRequest, "invalid", "test_id is not a test of this project")
			return
		}
		opt.TestID, opt.Kind = &id, "test"
	}
	for _, p := range strings.Split(c.PostForm("participants"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			opt.Participants = append(opt.Participants, p)
		}
	}
	results := h.Ingest.Uploads(c.Request.Context(), mustProject(c), files, opt)
	h.poke()
	status := http.StatusOK
	for _, r := range results {
		if r.Status == ingest.StatusIngested {
			status = http.StatusCreated
		}
	}
	c.JSON(status, Page[ingest.Result]{Items: results})
}

func (h *handlers) testInProject(c *gin.Context, id int64) bool {
	_, err := h.Store.Test(c.Request.Context(), mustProject(c).ID, id)
	return err == nil
}

func (h *handlers) poke() {
	if h.Indexer != nil {
		h.Indexer.Poke()
	}
}

func (h *handlers) listSources(c *gin.Context) {
	before, limit, ok := pageParams(c)
	if !ok {
		return
	}
	srcs, err := h.Store.Sources(c.Request.Context(), mustProject(c).ID, before, limit)
	if err != nil {
		h.failErr(c, err)
		return
	}
	page := Page[model.Source]{Items: srcs}
	if page.Items == nil {
		page.Items = []model.Source{}
	}
	if len(srcs) > 0 {
		page.NextCursor = nextCursor(len(srcs), limit, srcs[len(srcs)-1].ID)
	}
	c.JSON(http.StatusOK, page)
}

// SourceWithNotes is a source read as a transcript.
type SourceWithNotes struct {
	model.Source
	Notes []model.Note `json:"notes"`
}

func (h *handlers) getSource(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	src, err := h.Store.Source(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	notes, err := h.Store.SourceNotes(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(ctx, mustUser(c).ID, p.ID, "source.read", "source:"+strconv.FormatInt(id, 10), "")
	c.JSON(http.StatusOK, SourceWithNotes{Source: src, Notes: notes})
}

func (h *handlers) getNote(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	n, err := h.Store.Note(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(ctx, mustUser(c).ID, p.ID, "note.read", "note:"+strconv.FormatInt(id, 10), "")
	c.JSON(http.StatusOK, n)
}

func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		fail(c, http.StatusNotFound, "not_found", name+" is not a known id")
		return 0, false
	}
	return id, true
}
