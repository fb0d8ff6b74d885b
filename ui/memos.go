package ui

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/format"
	"indsigt/model"
	"indsigt/server"
)

// memoBlock is the memos of one object with the form to add one: on an
// insight, a source, a note or a code. It renders alone (partial "memos").
type memoBlock struct {
	Slug, CSRF string
	Action     string // where the form posts
	Target     string // "kind:id"
	FormID     string
	Anchor     string // the id the block's heading carries
	Back       string
	CanWrite   bool
	Compact    bool // a note's memos: no heading
	Memos      []memoItem
	Value      string // what was typed, when the form came back invalid
	Error      string
}

type memoItem struct {
	ID        int64
	Author    string
	At        time.Time
	Body      template.HTML
	CanDelete bool
}

func memoFormID(target string) string { return "memo-" + strings.ReplaceAll(target, ":", "-") }

// memoBlock builds the block of one object from its memos.
func memoBlockFor(b base, action, target, back string, memos []model.Memo) *memoBlock {
	id := memoFormID(target)
	mb := &memoBlock{Slug: b.Project.Slug, CSRF: b.CSRF, Action: action, Target: target, FormID: id, Anchor: id, Back: back,
		CanWrite: b.Can("write"), Value: b.FormValue(id, "body", ""), Error: b.FieldError(id, "body")}
	for _, m := range memos {
		own := b.User != nil && m.AuthorID != nil && *m.AuthorID == b.User.ID
		mb.Memos = append(mb.Memos, memoItem{ID: m.ID, Author: m.Author, At: m.CreatedAt, Body: format.Memo(m.Body),
			CanDelete: b.Can("write") && (own || b.Can("manage"))})
	}
	return mb
}

// memosByTarget groups memos by what they are on ("kind:id").
func memosByTarget(ms []model.Memo) map[string][]model.Memo {
	return groupBy(ms, func(m model.Memo) string { return m.Target })
}

// postMemo writes a memo on target; an invalid memo comes back on page
// with the message next to the field.
func (h *handlers) postMemo(c *gin.Context, target, back string, page gin.HandlerFunc) {
	_, err := h.App.CreateMemo(c.Request.Context(), server.MustScope(c), app.NewMemo{Target: target, Body: c.PostForm("body")})
	if err != nil {
		if _, ok := model.AsFieldError(err); ok {
			h.invalid(c, memoFormID(target), err, page)
			return
		}
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, back)
}

func (h *handlers) insightMemo(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	target := fmt.Sprintf("insight:%d", id)
	h.postMemo(c, target, fmt.Sprintf("/p/%s/insights/%d#%s", mustProject(c).Slug, id, memoFormID(target)), h.insight)
}

// sourceMemo writes a memo on the source, or on one of its notes or
// highlights (target).
func (h *handlers) sourceMemo(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	target := c.PostForm("target")
	if !strings.HasPrefix(target, "note:") && !strings.HasPrefix(target, "highlight:") {
		target = fmt.Sprintf("source:%d", id)
	}
	h.postMemo(c, target, fmt.Sprintf("/p/%s/sources/%d#%s", mustProject(c).Slug, id, memoFormID(target)), h.source)
}

func (h *handlers) tagMemo(c *gin.Context) {
	target := c.PostForm("target")
	if !strings.HasPrefix(target, "tag:") {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "target")
		return
	}
	h.postMemo(c, target, fmt.Sprintf("/p/%s/codebook#%s", mustProject(c).Slug, memoFormID(target)), h.codebook)
}

func (h *handlers) deleteMemo(c *gin.Context) {
	if !h.doByID(c, "mid", h.App.DeleteMemo) {
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("back"), "/p/"+mustProject(c).Slug+"/memos"))
}

// memoRow is a memo on the memos page, with a link to what it is on.
type memoRow struct {
	memoItem
	Kind string
	Link string
}

type memosView struct {
	Kind, Query string
	Kinds       []string
	Rows        []memoRow
}

// memos lists every memo of the project, filtered by kind and words.
func (h *handlers) memos(c *gin.Context) {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	v := memosView{Kind: c.Query("kind"), Query: c.Query("q"), Kinds: model.MemoKinds}
	ms, err := h.App.Memos(ctx, sc, app.MemoQuery{Kind: v.Kind, Text: v.Query})
	if err != nil {
		h.failErr(c, err)
		return
	}
	b := h.base(c, "memos.title", "memos")
	slug := sc.Project.Slug
	for _, m := range ms {
		on := m.On()
		r := memoRow{Kind: on.Kind, memoItem: memoItem{ID: m.ID, Author: m.Author, At: m.CreatedAt, Body: format.Memo(m.Body)}}
		switch on.Kind {
		case "insight":
			r.Link = fmt.Sprintf("/p/%s/insights/%d", slug, on.ID)
		case "source":
			r.Link = fmt.Sprintf("/p/%s/sources/%d", slug, on.ID)
		case "tag":
			r.Link = fmt.Sprintf("/p/%s/codebook#tag-%d", slug, on.ID)
		case "note":
			r.Link = fmt.Sprintf("/p/%s/notes/%d", slug, on.ID)
		case "highlight": // a memo on a highlight also names its note
			if m.NoteID != nil {
				r.Link = fmt.Sprintf("/p/%s/notes/%d", slug, *m.NoteID)
			}
		}
		v.Rows = append(v.Rows, r)
	}
	h.render(c, http.StatusOK, "memos", b, v)
}

// note sends a link to a note to the note in its transcript.
func (h *handlers) note(c *gin.Context) {
	if n, ok := byID(h, c, "id", h.App.ReadNote); ok {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/sources/%d#note-%d", mustProject(c).Slug, n.SourceID, n.ID))
	}
}

// sourceMemos are the memos on a source and on its notes, by target. The
// project's note memos are read at once (bounded by app.MaxMemoList).
func (h *handlers) sourceMemos(c *gin.Context, sourceID int64) (map[string][]model.Memo, error) {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	own, err := h.App.Memos(ctx, sc, app.MemoQuery{Target: fmt.Sprintf("source:%d", sourceID)})
	if err != nil {
		return nil, err
	}
	out := own
	for _, kind := range []string{"note", "highlight"} {
		ms, err := h.App.Memos(ctx, sc, app.MemoQuery{Kind: kind})
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	return memosByTarget(out), nil
}
