package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/store"
)

type testIn struct {
	Title        string `json:"title"`
	Hypothesis   string `json:"hypothesis"`
	Method       string `json:"method"`
	Participants string `json:"participants"`
	Result       string `json:"result"`
	Outcome      string `json:"outcome"`
}

func (in testIn) test() (model.Test, error) {
	o, err := model.ParseOutcome(in.Outcome)
	return model.Test{Title: strings.TrimSpace(in.Title), Hypothesis: in.Hypothesis, Method: in.Method, Participants: in.Participants, Result: in.Result, Outcome: o}, err
}

func (h *handlers) createTest(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in testIn
	if !bindJSON(c, &in) {
		return
	}
	t, err := in.test()
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	t.ProjectID, t.InsightID = p.ID, id
	err = h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		t, err = tx.CreateTest(ctx, t, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, t)
}

func (h *handlers) updateTest(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in testIn
	if !bindJSON(c, &in) {
		return
	}
	t, err := in.test()
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	t.ID, t.ProjectID = id, p.ID
	if err := h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateTest(ctx, t, mustUser(c).ID) }); err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

type indicatorIn struct {
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Direction string   `json:"direction"`
	Baseline  *float64 `json:"baseline"`
	Target    *float64 `json:"target"`
	StartDate string   `json:"start_date"`
}

func (h *handlers) createIndicator(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in indicatorIn
	if !bindJSON(c, &in) {
		return
	}
	if in.Baseline == nil || in.Target == nil {
		fail(c, http.StatusBadRequest, "invalid", "baseline and target are required numbers")
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	ind := model.Indicator{ProjectID: p.ID, InsightID: id, Name: in.Name, Unit: in.Unit, Direction: in.Direction, Baseline: *in.Baseline, Target: *in.Target}
	if in.StartDate != "" {
		d, err := model.ParseDate(in.StartDate)
		if err != nil {
			h.failErr(c, err)
			return
		}
		ind.StartDate = &d
	}
	err := h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		ind, err = tx.CreateIndicator(ctx, ind, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, ind)
}

func (h *handlers) getIndicator(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ind, err := h.Store.Indicator(c.Request.Context(), mustProject(c).ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ds, err := indicatorDetails(c, h.Store, []model.Indicator{ind})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, ds[0])
}

type measurementIn struct {
	Value      *float64 `json:"value"`
	MeasuredAt string   `json:"measured_at"`
	Note       string   `json:"note"`
	Source     string   `json:"source"`
}

func (h *handlers) addMeasurement(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in measurementIn
	if !bindJSON(c, &in) {
		return
	}
	if in.Value == nil {
		fail(c, http.StatusBadRequest, "invalid", "value is a required number")
		return
	}
	at := time.Now().UTC()
	if in.MeasuredAt != "" {
		var err error
		if at, err = model.ParseDate(in.MeasuredAt); err != nil {
			h.failErr(c, err)
			return
		}
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	m := model.Reading{IndicatorID: id, Value: *in.Value, MeasuredAt: at, Comment: in.Note, Source: in.Source}
	err := h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		m, err = tx.AddMeasurement(ctx, p.ID, m, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}

// Progress thresholds a lead can override with ?stuck_days= and ?stale_days=.
const (
	defaultStuckDays = 30
	defaultStaleDays = 30
)

func (h *handlers) progress(c *gin.Context) {
	stuck, ok := intQuery(c, "stuck_days", defaultStuckDays)
	if !ok {
		return
	}
	stale, ok := intQuery(c, "stale_days", defaultStaleDays)
	if !ok {
		return
	}
	pr, err := ProgressFor(c, h.Store, mustProject(c).ID, stuck, stale)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, pr)
}

// ProgressFor computes the lead's overview of a project.
func ProgressFor(c *gin.Context, s *store.Store, projectID int64, stuckDays, staleDays int) (model.Progress, error) {
	ctx := c.Request.Context()
	ins, err := s.Insights(ctx, projectID, "")
	if err != nil {
		return model.Progress{}, err
	}
	tests, err := s.Tests(ctx, projectID, 0)
	if err != nil {
		return model.Progress{}, err
	}
	now := s.Now()
	stale, err := s.IndicatorsWithoutRecent(ctx, projectID, now.AddDate(0, 0, -staleDays))
	if err != nil {
		return model.Progress{}, err
	}
	return model.ComputeProgress(now, ins, tests, stale, stuckDays, staleDays), nil
}

func intQuery(c *gin.Context, key string, def int) (int, bool) {
	v := c.Query(key)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 3650 {
		fail(c, http.StatusBadRequest, "invalid", key+" must be a number of days from 0 to 3650")
		return 0, false
	}
	return n, true
}
