package ui

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// The researcher's workbench: an insight can be started from anywhere
// (the overview, the progress board, a search hit, a transcript note), and
// any note can be added to an existing insight as supporting or
// contradicting evidence. Every path goes through app.CreateInsight and
// app.AddEvidence.

const formNewInsight = "insight-new"

// insightOption is an existing insight in an "add to insight" menu.
type insightOption struct {
	ID    int64
	Title string
}

// addView is what an "add to insight" control needs to render alone: on a
// search hit, on a transcript note, or once for the checked hits.
type addView struct {
	Slug   string
	CSRF   string
	Back   string
	NoteID string // empty for the control that takes the checked hits
	// HighlightID makes it the control of one highlight (a span of a note).
	HighlightID string
	Insights    []insightOption
}

func (h *handlers) insightOptions(c *gin.Context) ([]insightOption, error) {
	ins, err := h.App.Insights(c.Request.Context(), server.MustScope(c), "")
	if err != nil {
		return nil, err
	}
	out := make([]insightOption, len(ins))
	for i, in := range ins {
		out[i] = insightOption{ID: in.ID, Title: in.Title}
	}
	return out, nil
}

// newInsightPage is the page a "Ny indsigt" form came from, shown again
// with the message next to the field when the form is invalid.
func (h *handlers) newInsightPage(from string) gin.HandlerFunc {
	switch from {
	case "overview":
		return h.overview
	case "progress":
		return h.progress
	}
	return nil
}

// addToInsight adds the posted notes (note_id, one or many) to an insight:
// an existing one (insight_id) or a new one (insight_id "new", with a
// title), as supporting or contradicting evidence.
func (h *handlers) addToInsight(c *gin.Context) {
	ids, hids, err := evidenceIDs(c)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if len(ids)+len(hids) == 0 {
		h.fail(c, http.StatusBadRequest, "error.nonotes")
		return
	}
	stance, err := model.ParseStance(c.DefaultPostForm("stance", string(model.Supports)))
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, sc := c.Request.Context(), server.MustScope(c)
	var iid int64
	if target := c.PostForm("insight_id"); target == "new" || target == "" {
		in := app.NewInsight{Title: c.PostForm("title"), Statement: c.PostForm("statement")}
		if stance == model.Supports {
			in.NoteIDs, in.HighlightIDs = ids, hids
		}
		created, err := h.App.CreateInsight(ctx, sc, in)
		if err != nil {
			h.failErr(c, err)
			return
		}
		iid = created.ID
		if stance == model.Supports {
			ids, hids = nil, nil
		}
	} else if iid, err = model.ParseID("insight_id", target); err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "insight_id")
		return
	}
	var items []app.NewEvidence
	for _, nid := range ids {
		items = append(items, app.NewEvidence{NoteID: nid, Stance: stance})
	}
	for _, hid := range hids {
		items = append(items, app.NewEvidence{HighlightID: hid, Stance: stance})
	}
	for _, ev := range items {
		if _, err := h.App.AddEvidenceItem(ctx, sc, iid, ev); err != nil {
			h.failErr(c, err)
			return
		}
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/insights/%d", sc.Project.Slug, iid))
}

func noteAdd(slug, csrf string, noteID int64, opts []insightOption) *addView {
	return &addView{Slug: slug, CSRF: csrf, NoteID: model.FormatID(noteID), Insights: opts}
}

// addControls gives each search hit, and the checked hits together, an
// "add to insight" control when the user may write.
func (h *handlers) addControls(c *gin.Context, v *searchView) error {
	b := h.base(c, "", "")
	if !b.Can("write") || len(v.Hits) == 0 {
		return nil
	}
	opts, err := h.insightOptions(c)
	if err != nil {
		return err
	}
	slug := server.MustScope(c).Project.Slug
	v.AddSelected = &addView{Slug: slug, CSRF: b.CSRF, Insights: opts}
	for i := range v.Hits {
		v.Hits[i].Add = &addView{Slug: slug, CSRF: b.CSRF, NoteID: v.Hits[i].NoteID, Insights: opts}
	}
	return nil
}

// reloaded answers a GET of an address that only takes a form's POST,
// which is what reloading the page after the POST asks for: it sends the
// browser to the project page at to.
func (h *handlers) reloaded(to string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Redirect(http.StatusSeeOther, "/p/"+mustProject(c).Slug+to)
	}
}
