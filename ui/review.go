package ui

import (
	"context"
	"fmt"
	"math"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// The page "Mistænkte personoplysninger" of a source: what the finder
// replaced without being sure, with the pseudonymized text around it, and
// each note with a form to mark what it missed. Every action is a plain
// form (POST, CSRF) that redirects back here; app.js only copies a text
// selection into the mark form.

type reviewView struct {
	Source   model.Source
	Open     []reviewRow
	Resolved []reviewRow
	Notes    []model.Note
	Kinds    []kindOption
	Revealed int64  // the review row whose original is shown
	Original string // that original, opened through an audited call
}

type reviewRow struct {
	app.ReviewItem
	KindKey   string
	StatusKey string
	Percent   int
}

type kindOption struct {
	Value, Key string
}

func kindKey(k string) string { return "pii.kind." + k }

// reviewKeys are the message keys the review page builds at run time.
func reviewKeys() []string {
	keys := []string{"review.status." + app.ReviewRestored, "review.status." + app.ReviewKept, kindKey("name")}
	for _, k := range app.MarkKinds {
		keys = append(keys, kindKey(string(k)))
	}
	return keys
}

func (h *handlers) review(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	h.showReview(c, id, 0, "")
}

func (h *handlers) showReview(c *gin.Context, sourceID, revealed int64, original string) {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	rev, err := h.App.Review(ctx, sc, sourceID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	tr, err := h.App.ReadSource(ctx, sc, sourceID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v := reviewView{Source: rev.Source, Notes: tr.Notes, Revealed: revealed, Original: original}
	for _, k := range app.MarkKinds {
		v.Kinds = append(v.Kinds, kindOption{Value: string(k), Key: kindKey(string(k))})
	}
	for _, it := range rev.Items {
		row := reviewRow{ReviewItem: it, KindKey: kindKey(it.Kind), Percent: int(math.Round(it.Confidence * 100))}
		if it.Resolution == app.ReviewOpen {
			v.Open = append(v.Open, row)
			continue
		}
		row.StatusKey = "review.status." + it.Resolution
		v.Resolved = append(v.Resolved, row)
	}
	h.render(c, http.StatusOK, "review", h.base(c, "review.title", "overview"), v)
}

// reviewOriginal shows the review page with one original opened (audited).
func (h *handlers) reviewOriginal(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	ctx, sc := c.Request.Context(), server.MustScope(c)
	v, err := h.App.ReviewOriginal(ctx, sc, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	src, ok := idFormValue(c, "source_id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	h.showReview(c, src, id, v)
}

func (h *handlers) restoreReview(c *gin.Context) {
	if res, ok := byID(h, c, "id", h.App.RestoreReview); ok {
		h.backToReview(c, res.Note.SourceID)
	}
}

func (h *handlers) keepReview(c *gin.Context) {
	if h.doByID(c, "id", h.App.KeepReview) {
		src, _ := idFormValue(c, "source_id")
		h.backToReview(c, src)
	}
}

// redactNote marks a span of a note as personal data.
func (h *handlers) redactNote(c *gin.Context) {
	m, ok := byID(h, c, "id", func(ctx context.Context, sc app.Scope, id int64) (app.Marked, error) {
		return h.App.MarkPersonal(ctx, sc, id, app.Mark{Text: c.PostForm("text"), Kind: c.PostForm("kind")})
	})
	if ok {
		h.backToReview(c, m.Note.SourceID)
	}
}

func (h *handlers) backToReview(c *gin.Context, sourceID int64) {
	p := server.MustScope(c).Project
	if sourceID <= 0 {
		c.Redirect(http.StatusSeeOther, "/p/"+p.Slug)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/sources/%d/review", p.Slug, sourceID))
}

func idFormValue(c *gin.Context, name string) (int64, bool) {
	var id int64
	_, err := fmt.Sscan(c.PostForm(name), &id)
	return id, err == nil && id > 0
}
