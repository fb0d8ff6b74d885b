package ui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/server"
)

// sourcesPerPage is how many sources the overview lists at once; uploads
// are bounded by app.MaxUploadFiles and app.MaxUploadBody.
const sourcesPerPage = 100

type overviewView struct {
	Sources  []model.Source
	Expires  []time.Time // when retention erases each source; zero: kept
	More     int64       // id to page on from, 0 when this is the last page
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
	ctx, sc := c.Request.Context(), server.MustScope(c)
	// A cursor that is not an id shows the first page.
	before, _ := model.ParseOptionalID("before", c.Query("before"))
	srcs, err := h.App.Sources(ctx, sc, before, sourcesPerPage+1)
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
	for _, src := range srcs {
		v.Expires = append(v.Expires, expiry(sc.Project, src))
	}
	ins, err := h.App.Insights(ctx, sc, "")
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.ByPhase, v.Insights = groupByPhase(ins), len(ins)
	if v.Members, err = h.App.Members(ctx, sc); err != nil {
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
	form, err := c.MultipartForm()
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.upload", "")
		return
	}
	defer func() { _ = form.RemoveAll() }()
	results, err := h.App.UploadFiles(c.Request.Context(), server.MustScope(c), form.File["file"], app.ParseUpload(form.Value))
	if fe, ok := model.AsFieldError(err); ok && fe.Field == "file" {
		h.failMsg(c, http.StatusBadRequest, "error.upload", "")
		return
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	if strings.Contains(c.GetHeader("Accept"), "application/json") {
		// The page's drop zone sends one file at a time and shows each result itself.
		c.JSON(http.StatusOK, results)
		return
	}
	h.showOverview(c, http.StatusOK, results)
}

type sourceView struct {
	Source model.Source
	Notes  []noteView
	Tags   []model.Tag
	Memos  *memoBlock
}

// noteView is one note of a transcript with what its row needs to render
// alone (as an htmx fragment after tagging).
type noteView struct {
	model.Note
	Slug       string
	CSRF       string
	CanWrite   bool
	Add        *addView // "add to insight"; nil without write access
	Memos      *memoBlock
	Pieces     []textPiece // the text, cut where highlights begin and end
	TextLen    int         // in code points, as highlight offsets count
	Highlights []highlightRow
	HL         highlightForm
}

// noteRow builds a transcript row from the note, its highlights, the memos
// of the source by target and the insights to add it to.
func noteRow(b base, n model.Note, hs []model.Highlight, memos map[string][]model.Memo, opts []insightOption) noteView {
	slug := b.Project.Slug
	page := fmt.Sprintf("/p/%s/sources/%d", slug, n.SourceID)
	memosOn := func(target string) *memoBlock {
		mb := memoBlockFor(b, page+"/memos", target, page, memos[target])
		mb.Compact = true
		return mb
	}
	v := noteView{Note: n, Slug: slug, CSRF: b.CSRF, CanWrite: b.Can("write"), Pieces: pieces(n.Text, hs),
		TextLen: utf8.RuneCountInString(n.Text), HL: newHighlightForm(b, n.ID), Memos: memosOn(fmt.Sprintf("note:%d", n.ID))}
	for _, hl := range hs {
		row := highlightRow{Highlight: hl, Memos: memosOn(fmt.Sprintf("highlight:%d", hl.ID))}
		if v.CanWrite {
			row.Add = &addView{Slug: slug, CSRF: b.CSRF, HighlightID: model.FormatID(hl.ID), Insights: opts}
		}
		v.Highlights = append(v.Highlights, row)
	}
	if v.CanWrite {
		v.Add = noteAdd(slug, b.CSRF, n.ID, opts)
	}
	return v
}

func (h *handlers) source(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	ctx, sc := c.Request.Context(), server.MustScope(c)
	tr, err := h.App.ReadSource(ctx, sc, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	tags, err := h.App.Tags(ctx, sc)
	if err != nil {
		h.failErr(c, err)
		return
	}
	b := h.base(c, "", "overview")
	v := sourceView{Source: tr.Source, Tags: tags, Notes: make([]noteView, len(tr.Notes))}
	var opts []insightOption
	if b.Can("write") {
		if opts, err = h.insightOptions(c); err != nil {
			h.failErr(c, err)
			return
		}
	}
	memos, err := h.sourceMemos(c, tr.Source.ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	hs, err := h.App.Highlights(ctx, sc, app.HighlightQuery{SourceID: tr.Source.ID})
	if err != nil {
		h.failErr(c, err)
		return
	}
	page, target := fmt.Sprintf("/p/%s/sources/%d", sc.Project.Slug, tr.Source.ID), fmt.Sprintf("source:%d", tr.Source.ID)
	v.Memos = memoBlockFor(b, page+"/memos", target, page, memos[target])
	marks := byNote(hs)
	for i, n := range tr.Notes {
		v.Notes[i] = noteRow(b, n, marks[n.ID], memos, opts)
	}
	h.render(c, http.StatusOK, "source", b, v)
}

// tagNote tags one note; htmx gets the note's row back, a plain form a
// redirect to the note in its transcript.
func (h *handlers) tagNote(c *gin.Context) {
	h.changeNote(c, func(ctx context.Context, sc app.Scope, id int64) (model.Note, error) {
		return h.App.TagNote(ctx, sc, id, []string{c.PostForm("tag")})
	})
}

func (h *handlers) untagNote(c *gin.Context) {
	h.changeNote(c, func(ctx context.Context, sc app.Scope, id int64) (model.Note, error) {
		return h.App.UntagNote(ctx, sc, id, c.PostForm("tag"))
	})
}

// changeNote runs a change of the note in the path and answers with it.
func (h *handlers) changeNote(c *gin.Context, change func(context.Context, app.Scope, int64) (model.Note, error)) {
	if n, ok := byID(h, c, "id", change); ok {
		h.noteDone(c, n)
	}
}

func (h *handlers) noteDone(c *gin.Context, n model.Note) {
	p := server.MustScope(c).Project
	if c.GetHeader("HX-Request") == "true" {
		ctx, sc := c.Request.Context(), server.MustScope(c)
		opts, err := h.insightOptions(c)
		if err != nil {
			h.failErr(c, err)
			return
		}
		memos, err := h.App.Memos(ctx, sc, app.MemoQuery{Target: fmt.Sprintf("note:%d", n.ID)})
		if err != nil {
			h.failErr(c, err)
			return
		}
		hs, err := h.App.Highlights(ctx, sc, app.HighlightQuery{NoteIDs: []int64{n.ID}})
		if err != nil {
			h.failErr(c, err)
			return
		}
		h.renderTemplate(c, http.StatusOK, "source", "note", noteRow(h.base(c, "", ""), n, hs, memosByTarget(memos), opts))
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/sources/%d#note-%d", p.Slug, n.SourceID, n.ID))
}

// bulkTag puts one tag on every checked note of a transcript.
func (h *handlers) bulkTag(c *gin.Context) {
	ids, err := model.ParseIDs("note_id", c.PostFormArray("note_id"), app.MaxTagNotes)
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "note_id")
		return
	}
	if len(ids) == 0 {
		h.fail(c, http.StatusBadRequest, "error.nonotes")
		return
	}
	if _, err := h.App.TagNotes(c.Request.Context(), server.MustScope(c), ids, []string{c.PostForm("tag")}); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("back"), "/p/"+server.MustScope(c).Project.Slug))
}
