package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type testIn struct {
	Title        string `json:"title"`
	Hypothesis   string `json:"hypothesis"`
	Method       string `json:"method"`
	Participants string `json:"participants"`
	Result       string `json:"result"`
	Outcome      string `json:"outcome"`
}

func (h *handlers) createTest(c *gin.Context) {
	var in testIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	t, err := h.App.CreateTest(c.Request.Context(), server.MustScope(c), id, app.NewTest{Title: in.Title, Hypothesis: in.Hypothesis, Method: in.Method,
		Participants: in.Participants, Result: in.Result, Outcome: model.Outcome(in.Outcome)})
	h.reply(c, http.StatusCreated, t, err)
}

// testPatchIn is a partial update of a test: an omitted field is kept.
type testPatchIn struct {
	Title        *string        `json:"title"`
	Hypothesis   *string        `json:"hypothesis"`
	Method       *string        `json:"method"`
	Participants *string        `json:"participants"`
	Result       *string        `json:"result"`
	Outcome      *model.Outcome `json:"outcome"`
}

func (h *handlers) updateTest(c *gin.Context) {
	var in testPatchIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	t, err := h.App.UpdateTest(c.Request.Context(), server.MustScope(c), id, app.TestPatch{Title: in.Title, Hypothesis: in.Hypothesis, Method: in.Method,
		Participants: in.Participants, Result: in.Result, Outcome: in.Outcome})
	h.reply(c, http.StatusOK, t, err)
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
	var in indicatorIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	for field, v := range map[string]*float64{"baseline": in.Baseline, "target": in.Target} {
		if v == nil {
			h.failErr(c, model.Invalid(field, model.RuleRequired, "baseline and target are required numbers"))
			return
		}
	}
	start, err := optionalDate("start_date", in.StartDate)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ind, err := h.App.CreateIndicator(c.Request.Context(), server.MustScope(c), id, app.NewIndicator{Name: in.Name, Unit: in.Unit,
		Direction: model.Direction(in.Direction), Baseline: *in.Baseline, Target: *in.Target, StartDate: start})
	h.reply(c, http.StatusCreated, ind, err)
}

// optionalDate reads an optional date field; the error names the field.
func optionalDate(field, s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := model.ParseDate(s)
	if fe, ok := model.AsFieldError(err); ok {
		fe.Field = field
	}
	return &d, err
}

func (h *handlers) getIndicator(c *gin.Context) { replyByID(h, c, http.StatusOK, h.App.Indicator) }

type measurementIn struct {
	Value      *float64 `json:"value"`
	MeasuredAt string   `json:"measured_at"`
	Note       string   `json:"note"`
	Source     string   `json:"source"`
}

func (h *handlers) addMeasurement(c *gin.Context) {
	var in measurementIn
	id, ok := bindID(c, "id", &in)
	if !ok {
		return
	}
	if in.Value == nil {
		h.failErr(c, model.Invalid("value", model.RuleRequired, "value is a required number"))
		return
	}
	at, err := optionalDate("measured_at", in.MeasuredAt)
	if err != nil {
		h.failErr(c, err)
		return
	}
	m := app.NewMeasurement{Value: *in.Value, Comment: in.Note, Source: in.Source}
	if at != nil {
		m.MeasuredAt = *at
	}
	created, _, err := h.App.AddMeasurement(c.Request.Context(), server.MustScope(c), id, m)
	h.reply(c, http.StatusCreated, created, err)
}

// progress answers the lead's board: the project's own "står stille"
// thresholds, or ?stuck_days= for Opdag/forstå (twice and three times that
// for the later phases).
func (h *handlers) progress(c *gin.Context) {
	q := app.ProgressQuery{}
	if c.Query("stuck_days") != "" {
		stuck, ok := intQuery(c, "stuck_days", app.DefaultStuckDays)
		if !ok {
			return
		}
		q.StuckDays = &stuck
	}
	stale, ok := intQuery(c, "stale_days", app.DefaultStaleDays)
	if !ok {
		return
	}
	q.StaleDays = stale
	pr, err := h.App.Progress(c.Request.Context(), server.MustScope(c), q)
	h.reply(c, http.StatusOK, pr, err)
}

func intQuery(c *gin.Context, key string, def int) (int, bool) {
	v := c.Query(key)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 3650 {
		server.Fail(c, http.StatusBadRequest, "invalid", key, key+" must be a number of days from 0 to 3650")
		return 0, false
	}
	return n, true
}
