package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/store"
)

type insightView struct {
	Insight    model.Insight
	LIX        float64
	Supports   []store.Evidence
	Contradict []store.Evidence
	History    []model.PhaseEvent
	Steps      []stepView
	Tests      []model.Test
	Indicators []indicatorView
	Outcomes   []model.Outcome
	Today      string
}

type stepView struct {
	Phase   model.Phase
	Current bool
	Done    bool
}

type indicatorView struct {
	model.Indicator
	Readings []model.Reading
	Summary  model.EffectSummary
	Chart    *chart
}

func (h *handlers) insight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	v, err := h.loadInsight(c, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	b := h.base(c, "", "overview")
	h.render(c, http.StatusOK, "insight", b, v)
}

func (h *handlers) loadInsight(c *gin.Context, id int64) (insightView, error) {
	ctx, p := c.Request.Context(), mustProject(c)
	in, err := h.Store.Insight(ctx, p.ID, id)
	if err != nil {
		return insightView{}, err
	}
	v := insightView{Insight: in, LIX: model.LIX(in.Statement), Outcomes: []model.Outcome{model.OutcomeOpen, model.OutcomeConfirmed, model.OutcomeRefuted},
		Today: h.Store.Now().Format("2006-01-02")}
	ev, err := h.Store.InsightEvidence(ctx, in.ID)
	if err != nil {
		return v, err
	}
	for _, e := range ev {
		if e.Stance == model.Contradicts {
			v.Contradict = append(v.Contradict, e)
		} else {
			v.Supports = append(v.Supports, e)
		}
	}
	if v.History, err = h.Store.PhaseHistory(ctx, in.ID); err != nil {
		return v, err
	}
	v.Steps = steps(in.Phase)
	if v.Tests, err = h.Store.Tests(ctx, p.ID, in.ID); err != nil {
		return v, err
	}
	inds, err := h.Store.Indicators(ctx, p.ID, in.ID)
	if err != nil {
		return v, err
	}
	ids := make([]int64, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	ms, err := h.Store.Measurements(ctx, ids)
	if err != nil {
		return v, err
	}
	for _, ind := range inds {
		iv := indicatorView{Indicator: ind, Readings: ms[ind.ID]}
		plain := make([]model.Measurement, len(iv.Readings))
		for i, r := range iv.Readings {
			plain[i] = model.Measurement{Value: r.Value, MeasuredAt: r.MeasuredAt, Comment: r.Comment}
		}
		iv.Summary = model.SummarizeEffect(ind.Direction, ind.Baseline, ind.Target, plain)
		iv.Chart = newChart(ind, iv.Readings, c.GetString(keyLang))
		v.Indicators = append(v.Indicators, iv)
	}
	return v, nil
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

func (h *handlers) movePhase(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	to, err := model.ParsePhase(c.PostForm("phase"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	reason := strings.TrimSpace(c.PostForm("reason"))
	if reason == "" {
		h.fail(c, http.StatusBadRequest, "error.reason")
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	err = h.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.MovePhase(ctx, p.ID, id, to, reason, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	h.insightBack(c, id, "phase")
}

func (h *handlers) addTest(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	out, err := model.ParseOutcome(c.PostForm("outcome"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	t := model.Test{InsightID: id, ProjectID: p.ID, Title: c.PostForm("title"), Hypothesis: c.PostForm("hypothesis"),
		Method: c.PostForm("method"), Participants: c.PostForm("participants"), Result: c.PostForm("result"), Outcome: out}
	err = h.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateTest(ctx, t, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "tests")
}

// updateTest records a test's result and outcome once it has run.
func (h *handlers) updateTest(c *gin.Context) {
	id, ok1 := idParam(c, "id")
	tid, ok2 := idParam(c, "tid")
	if !ok1 || !ok2 {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	out, err := model.ParseOutcome(c.PostForm("outcome"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	tests, err := h.Store.Tests(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	var t *model.Test
	for i := range tests {
		if tests[i].ID == tid {
			t = &tests[i]
		}
	}
	if t == nil {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	t.Outcome, t.Result = out, strings.TrimSpace(c.PostForm("result"))
	err = h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateTest(ctx, *t, u.ID) })
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "test-"+strconv.FormatInt(tid, 10))
}

func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	// Danish input writes 1.234,5; English 1,234.5. A lone comma is a decimal comma.
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

func (h *handlers) addIndicator(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	base, err1 := parseNumber(c.PostForm("baseline"))
	target, err2 := parseNumber(c.PostForm("target"))
	if err1 != nil || err2 != nil {
		h.fail(c, http.StatusBadRequest, "error.number")
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	ind := model.Indicator{InsightID: id, ProjectID: p.ID, Name: c.PostForm("name"), Unit: strings.TrimSpace(c.PostForm("unit")),
		Direction: c.PostForm("direction"), Baseline: base, Target: target}
	if s := c.PostForm("start_date"); s != "" {
		d, err := model.ParseDate(s)
		if err != nil {
			h.failErr(c, err)
			return
		}
		ind.StartDate = &d
	}
	err := h.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateIndicator(ctx, ind, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "indicators")
}

func (h *handlers) addMeasurement(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	val, err := parseNumber(c.PostForm("value"))
	if err != nil {
		h.fail(c, http.StatusBadRequest, "error.number")
		return
	}
	at, err := model.ParseDate(c.DefaultPostForm("measured_at", time.Now().Format("2006-01-02")))
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	ind, err := h.Store.Indicator(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	m := model.Reading{IndicatorID: id, Value: val, MeasuredAt: at, Comment: strings.TrimSpace(c.PostForm("comment"))}
	err = h.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.AddMeasurement(ctx, p.ID, m, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, ind.InsightID, "indicator-"+strconv.FormatInt(id, 10))
}

// editInsight changes an insight's title and statement.
func (h *handlers) editInsight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	in := model.Insight{ID: id, ProjectID: p.ID, Title: strings.TrimSpace(c.PostForm("title")), Statement: strings.TrimSpace(c.PostForm("statement"))}
	if err := h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateInsight(ctx, in) }); err != nil {
		h.failErr(c, err)
		return
	}
	h.insightBack(c, id, "statement-h")
}

// removeEvidence unlinks a note from an insight.
func (h *handlers) removeEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	noteID, ok2 := idParam(c, "note")
	if !ok || !ok2 {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	if err := h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.RemoveEvidence(ctx, p.ID, id, noteID) }); err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	h.insightBack(c, id, "evidence-h")
}
