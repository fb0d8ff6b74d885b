package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type progressView struct {
	Columns  []progressColumn
	Progress model.Progress
	Titles   map[int64]string // insight id → title, for tests and indicators
	// The "stuck" thresholds of the three phases, for the intro and the
	// owner's form.
	StuckOpdag, StuckSkab, StuckVirk int
	Fields                           []daysField // the owner's form
}

// daysField is one input of the thresholds form: what was typed when the
// form came back invalid, else the project's value.
type daysField struct {
	Name, Value, Error string
}

type progressColumn struct {
	Phase model.Phase
	Cards []model.InsightInPhase
}

// progress is the lead's board, from the same read model as the API's
// GET …/progress, with the project's own thresholds.
func (h *handlers) progress(c *gin.Context) {
	pr, err := h.App.Progress(c.Request.Context(), server.MustScope(c), app.ProgressQuery{StaleDays: app.DefaultStaleDays})
	if err != nil {
		h.failErr(c, err)
		return
	}
	v := progressView{Progress: pr, Titles: map[int64]string{},
		StuckOpdag: pr.StuckAfter[model.PhaseOpdag], StuckSkab: pr.StuckAfter[model.PhaseSkab], StuckVirk: pr.StuckAfter[model.PhaseVirk]}
	for _, in := range pr.Insights {
		v.Titles[in.ID] = in.Title
	}
	b := h.base(c, "progress.title", "progress")
	for _, f := range []struct {
		name string
		days int
	}{{"stale_opdag_days", v.StuckOpdag}, {"stale_skab_days", v.StuckSkab}, {"stale_virk_days", v.StuckVirk}} {
		v.Fields = append(v.Fields, daysField{Name: f.name, Value: b.FormValue("thresholds", f.name, strconv.Itoa(f.days)), Error: b.FieldError("thresholds", f.name)})
	}
	for _, ph := range model.Phases {
		col := progressColumn{Phase: ph}
		for _, ip := range pr.Insights {
			if ip.Phase == ph {
				col.Cards = append(col.Cards, ip)
			}
		}
		v.Columns = append(v.Columns, col)
	}
	h.render(c, http.StatusOK, "progress", b, v)
}

// setThresholds is the owner's form for the "står stille" days per phase.
func (h *handlers) setThresholds(c *gin.Context) {
	var t model.StuckThresholds
	err := firstErr(
		formDays(c, "stale_opdag_days", &t.Opdag),
		formDays(c, "stale_skab_days", &t.Skab),
		formDays(c, "stale_virk_days", &t.Virk))
	if err == nil {
		err = h.App.SetStuckThresholds(c.Request.Context(), server.MustScope(c), t)
	}
	if err != nil {
		h.invalid(c, "thresholds", err, h.progress)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+mustProject(c).Slug+"/progress#thresholds")
}

// formDays reads a whole number of days; anything else is the field's
// range error, as a number out of range is.
func formDays(c *gin.Context, field string, dst *int) error {
	n, err := strconv.Atoi(strings.TrimSpace(c.PostForm(field)))
	if err != nil {
		fe := model.Invalid(field, model.RuleRange, "%s must be a number of days from 1 to %d", field, model.MaxStuckDays)
		fe.Limit = model.MaxStuckDays
		return fe
	}
	*dst = n
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
