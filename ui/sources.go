package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/ingest"
	"indsigt/model"
)

// Upload limits of the form; each file is also bounded by the parser limits.
const (
	maxUploadBody  = 256 << 20
	maxUploadFiles = 100
	sourcesPerPage = 100
)

type overviewView struct {
	Sources  []model.Source
	More     int64 // id to page on from, 0 when this is the last page
	ByPhase  []phaseGroup
	Results  []ingest.Result
	Kinds    []model.SourceKind
	Insights int
	Members  []model.Member
	Roles    []model.Role
}

type phaseGroup struct {
	Phase    model.Phase
	Insights []model.Insight
}

var sourceKinds = []model.SourceKind{model.KindInterview, model.KindObservation, model.KindWorkshop, model.KindTest}

func (h *handlers) overview(c *gin.Context) {
	h.showOverview(c, http.StatusOK, nil)
}

func (h *handlers) showOverview(c *gin.Context, status int, results []ingest.Result) {
	ctx, p := c.Request.Context(), mustProject(c)
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	srcs, err := h.Store.Sources(ctx, p.ID, before, sourcesPerPage+1)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v := overviewView{Results: results, Kinds: sourceKinds}
	if len(srcs) > sourcesPerPage {
		srcs = srcs[:sourcesPerPage]
		v.More = srcs[len(srcs)-1].ID
	}
	v.Sources = srcs
	ins, err := h.Store.Insights(ctx, p.ID, "")
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.ByPhase, v.Insights = groupByPhase(ins), len(ins)
	if v.Members, err = h.Store.Members(ctx, p.ID); err != nil {
		h.failErr(c, err)
		return
	}
	v.Roles = []model.Role{model.RoleDesigner, model.RoleLead, model.RoleAnalyst, model.RoleAdmin}
	h.render(c, status, "overview", h.base(c, "overview.title", "overview"), v)
}

func groupByPhase(ins []model.Insight) []phaseGroup {
	out := make([]phaseGroup, len(model.Phases))
	for i, ph := range model.Phases {
		out[i].Phase = ph
		for _, in := range ins {
			if in.Phase == ph {
				out[i].Insights = append(out[i].Insights, in)
			}
		}
	}
	return out
}

func (h *handlers) upload(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUploadBody)
	form, err := c.MultipartForm()
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.upload", "")
		return
	}
	defer func() { _ = form.RemoveAll() }()
	files := form.File["file"]
	if len(files) == 0 || len(files) > maxUploadFiles {
		h.failMsg(c, http.StatusBadRequest, "error.upload", "")
		return
	}
	opt := ingest.Options{Kind: c.PostForm("kind"), Date: c.PostForm("date"), Place: c.PostForm("place"),
		Interviewer: c.PostForm("interviewer"), UserID: mustUser(c).ID}
	for _, part := range strings.Split(c.PostForm("participants"), ",") {
		if part = strings.TrimSpace(part); part != "" {
			opt.Participants = append(opt.Participants, part)
		}
	}
	results := h.Ingest.Uploads(c.Request.Context(), mustProject(c), files, opt)
	h.poke()
	if strings.Contains(c.GetHeader("Accept"), "application/json") {
		// The page's drop zone sends one file at a time and shows each result itself.
		c.JSON(http.StatusOK, results)
		return
	}
	h.showOverview(c, http.StatusOK, results)
}

func (h *handlers) poke() {
	if h.Indexer != nil {
		h.Indexer.Poke()
	}
}

type sourceView struct {
	Source model.Source
	Notes  []noteView
	Tags   []model.Tag
}

// noteView is one note of a transcript with what its row needs to render
// alone (as an htmx fragment after tagging).
type noteView struct {
	model.Note
	Slug     string
	CSRF     string
	CanWrite bool
}

func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	return id, err == nil && id > 0
}

func (h *handlers) source(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
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
	tags, err := h.Store.Tags(ctx, p.ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(ctx, mustUser(c).ID, p.ID, "source.read", "source:"+strconv.FormatInt(id, 10), "")
	b := h.base(c, "", "overview")
	v := sourceView{Source: src, Tags: tags, Notes: make([]noteView, len(notes))}
	for i, n := range notes {
		v.Notes[i] = noteView{Note: n, Slug: p.Slug, CSRF: b.CSRF, CanWrite: b.Can("write")}
	}
	h.render(c, http.StatusOK, "source", b, v)
}

// tagNote tags one note; htmx gets the note's row back, a plain form a
// redirect to the note in its transcript.
func (h *handlers) tagNote(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if err := h.applyTags(c, []int64{id}, c.PostForm("tag"), false); err != nil {
		h.failErr(c, err)
		return
	}
	h.noteDone(c, id)
}

func (h *handlers) untagNote(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if err := h.applyTags(c, []int64{id}, c.PostForm("tag"), true); err != nil {
		h.failErr(c, err)
		return
	}
	h.noteDone(c, id)
}

func (h *handlers) noteDone(c *gin.Context, id int64) {
	p := mustProject(c)
	n, err := h.Store.Note(c.Request.Context(), p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if c.GetHeader("HX-Request") == "true" {
		b := h.base(c, "", "")
		h.renderTemplate(c, http.StatusOK, "source", "note", noteView{Note: n, Slug: p.Slug, CSRF: b.CSRF, CanWrite: true})
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/sources/%d#note-%d", p.Slug, n.SourceID, n.ID))
}

// bulkTag puts one tag on every checked note of a transcript.
func (h *handlers) bulkTag(c *gin.Context) {
	var ids []int64
	for _, s := range c.PostFormArray("note_id") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			h.failMsg(c, http.StatusBadRequest, "error.invalid", "note_id")
			return
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 || len(ids) > 5000 {
		h.fail(c, http.StatusBadRequest, "error.nonotes")
		return
	}
	if err := h.applyTags(c, ids, c.PostForm("tag"), false); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("back"), "/p/"+mustProject(c).Slug))
}

func (h *handlers) applyTags(c *gin.Context, ids []int64, tag string, remove bool) error {
	tag = strings.TrimSpace(tag)
	if err := model.TagName(tag); err != nil {
		return err
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	var err error
	if remove {
		err = h.Store.UntagNoteAudited(ctx, p.ID, ids[0], tag, u.ID)
	} else {
		err = h.Store.TagNotes(ctx, p.ID, ids, []string{tag}, u.ID)
	}
	if err != nil {
		return fmt.Errorf("ui: tag notes: %w", err)
	}
	h.poke()
	return nil
}
