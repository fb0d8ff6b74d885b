package ui

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// insightView is the insight page: the read model from app (the same the
// API answers), with the evidence split by stance, the phase track and a
// chart per indicator.
type insightView struct {
	Insight    model.Insight
	LIX        float64
	Supports   []model.Evidence
	Contradict []model.Evidence
	History    []model.PhaseEvent
	Steps      []stepView
	Tests      []model.Test
	Indicators []indicatorView
	Outcomes   []model.Outcome
	Today      string
	Memos      *memoBlock
}

type stepView struct {
	Phase   model.Phase
	Current bool
	Done    bool
}

type indicatorView struct {
	model.Indicator
	Readings []model.Measurement
	Summary  model.EffectSummary
	Chart    *chartView
}

// Form ids of the insight page, for h.invalid and the templates.
const (
	formPhase     = "phase"
	formTest      = "test"
	formIndicator = "indicator"
	formMeasure   = "measure-" // + the indicator's id
)

func (h *handlers) insight(c *gin.Context) {
	if id, ok := h.pathID(c, "id"); ok {
		h.showInsight(c, id)
	}
}

func (h *handlers) insightView(c *gin.Context, d model.InsightDetail) insightView {
	v := insightView{Insight: d.Insight, LIX: d.LIX, History: d.History, Tests: d.Tests, Steps: steps(d.Phase),
		Outcomes: []model.Outcome{model.OutcomeOpen, model.OutcomeConfirmed, model.OutcomeRefuted}, Today: h.App.Today().Format("2006-01-02")}
	for _, e := range d.Evidence {
		if e.Stance == model.Contradicts {
			v.Contradict = append(v.Contradict, e)
		} else {
			v.Supports = append(v.Supports, e)
		}
	}
	b := h.base(c, "", "overview")
	target := fmt.Sprintf("insight:%d", d.ID)
	v.Memos = memoBlockFor(b, fmt.Sprintf("/p/%s/insights/%d/memos", b.Project.Slug, d.ID), target, fmt.Sprintf("/p/%s/insights/%d", b.Project.Slug, d.ID), d.Memos)
	for _, ie := range d.Indicators {
		v.Indicators = append(v.Indicators, indicatorView{Indicator: ie.Indicator, Readings: ie.Measurements, Summary: ie.Effect,
			Chart: newChart(ie, c.GetString(keyLang))})
	}
	return v
}

// steps marks the phase track: the current step, and the ones before it.
func steps(cur model.Phase) []stepView {
	out := make([]stepView, len(model.Phases))
	done := true
	for i, p := range model.Phases {
		if p == cur {
			done = false
		}
		out[i] = stepView{Phase: p, Current: p == cur, Done: done}
	}
	return out
}

func (h *handlers) insightBack(c *gin.Context, id int64, anchor string) {
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/insights/%d#%s", mustProject(c).Slug, id, anchor))
}

// insightForm runs a form of the insight page on the insight in the path:
// a refused input comes back on the page next to the form's fields, else
// the browser goes to the page at anchor.
func (h *handlers) insightForm(c *gin.Context, form, anchor string, post func(context.Context, app.Scope, int64) error) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	if err := post(c.Request.Context(), server.MustScope(c), id); err != nil {
		h.invalid(c, form, err, h.insight)
		return
	}
	h.insightBack(c, id, anchor)
}

func (h *handlers) movePhase(c *gin.Context) {
	h.insightForm(c, formPhase, "phase", func(ctx context.Context, sc app.Scope, id int64) error {
		_, _, err := h.App.MovePhase(ctx, sc, id, model.Phase(c.PostForm("phase")), c.PostForm("reason"))
		return err
	})
}

func (h *handlers) addTest(c *gin.Context) {
	h.insightForm(c, formTest, "tests", func(ctx context.Context, sc app.Scope, id int64) error {
		_, err := h.App.CreateTest(ctx, sc, id, app.NewTest{Title: c.PostForm("title"), Hypothesis: c.PostForm("hypothesis"),
			Method: c.PostForm("method"), Participants: c.PostForm("participants"), Result: c.PostForm("result"), Outcome: model.Outcome(c.PostForm("outcome"))})
		return err
	})
}

// updateTest records a test's result and outcome once it has run; the
// form sends only those two, so the other fields are kept.
func (h *handlers) updateTest(c *gin.Context) {
	id, tid, ok := h.twoIDs(c, "id", "tid")
	if !ok {
		return
	}
	p := app.TestPatch{Result: posted(c, "result")}
	if v := posted(c, "outcome"); v != nil {
		o := model.Outcome(*v)
		p.Outcome = &o
	}
	t, err := h.App.UpdateTest(c.Request.Context(), server.MustScope(c), tid, p)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if t.InsightID != 0 {
		id = t.InsightID
	}
	h.insightBack(c, id, "test-"+model.FormatID(tid))
}

// parseNumber reads a number as people type it: Danish 1.234,5 or English
// 1,234.5; a lone comma is a decimal comma.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.ReplaceAll(s, ",", ".")
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number", model.ErrInvalid, s)
	}
	return v, nil
}

// numberField is parseNumber with an error that names the form field.
func numberField(c *gin.Context, field string) (float64, error) {
	v, err := parseNumber(c.PostForm(field))
	if err != nil {
		return 0, model.Invalid(field, model.RuleNumber, "%s must be a number", field)
	}
	return v, nil
}

// dateField reads an optional date field; the error names the field.
func dateField(c *gin.Context, field string) (time.Time, error) {
	s := strings.TrimSpace(c.PostForm(field))
	if s == "" {
		return time.Time{}, nil
	}
	d, err := model.ParseDate(s)
	if fe, ok := model.AsFieldError(err); ok {
		fe.Field = field
	}
	return d, err
}

func (h *handlers) addIndicator(c *gin.Context) {
	h.insightForm(c, formIndicator, "indicators", func(ctx context.Context, sc app.Scope, id int64) error {
		in := app.NewIndicator{Name: c.PostForm("name"), Unit: c.PostForm("unit"), Direction: model.Direction(c.PostForm("direction"))}
		var err error
		if in.Baseline, err = numberField(c, "baseline"); err != nil {
			return err
		}
		if in.Target, err = numberField(c, "target"); err != nil {
			return err
		}
		start, err := dateField(c, "start_date")
		if err != nil {
			return err
		}
		if !start.IsZero() {
			in.StartDate = &start
		}
		_, err = h.App.CreateIndicator(ctx, sc, id, in)
		return err
	})
}

func (h *handlers) addMeasurement(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	ctx, sc := c.Request.Context(), server.MustScope(c)
	form := formMeasure + model.FormatID(id)
	m := app.NewMeasurement{Comment: c.PostForm("comment")}
	var err error
	if m.Value, err = numberField(c, "value"); err == nil {
		m.MeasuredAt, err = dateField(c, "measured_at")
	}
	var ind model.Indicator
	if err == nil {
		_, ind, err = h.App.AddMeasurement(ctx, sc, id, m)
	}
	if err != nil {
		if _, ok := model.AsFieldError(err); !ok {
			h.failErr(c, err)
			return
		}
		// Show the indicator's insight again, with the typed values.
		ie, ierr := h.App.Indicator(ctx, sc, id)
		if ierr != nil {
			h.failErr(c, ierr)
			return
		}
		h.invalid(c, form, err, func(c *gin.Context) { h.showInsight(c, ie.InsightID) })
		return
	}
	h.insightBack(c, ind.InsightID, "indicator-"+model.FormatID(id))
}

// showInsight renders the insight page of an insight named by id rather
// than by the path.
func (h *handlers) showInsight(c *gin.Context, id int64) {
	d, err := h.App.Insight(c.Request.Context(), server.MustScope(c), id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.render(c, http.StatusOK, "insight", h.base(c, "", "overview"), h.insightView(c, d))
}

// editInsight changes an insight's title and statement; a field the form
// does not send is kept.
func (h *handlers) editInsight(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	p := app.InsightPatch{Title: posted(c, "title"), Statement: posted(c, "statement")}
	if _, err := h.App.UpdateInsight(c.Request.Context(), server.MustScope(c), id, p); err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "statement-h")
}

// removeEvidence unlinks a note from an insight.
func (h *handlers) removeEvidence(c *gin.Context) {
	id, noteID, ok := h.twoIDs(c, "id", "note")
	if !ok {
		return
	}
	if err := h.App.RemoveEvidence(c.Request.Context(), server.MustScope(c), id, noteID); err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "evidence-h")
}

// twoIDs reads two id parameters of the path; it answers 404 itself when
// one is not an id.
func (h *handlers) twoIDs(c *gin.Context, a, b string) (int64, int64, bool) {
	x, ok1 := idParam(c, a)
	y, ok2 := idParam(c, b)
	if !ok1 || !ok2 {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return 0, 0, false
	}
	return x, y, true
}

// posted is a form field the request sent, or nil when it did not send
// it: a patch keeps what a form leaves out.
func posted(c *gin.Context, field string) *string {
	if v, ok := c.GetPostForm(field); ok {
		return &v
	}
	return nil
}
