package ui

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/api"
	"indsigt/model"
)

type progressView struct {
	Columns  []progressColumn
	Progress model.Progress
	Titles   map[int64]string // insight id → title, for tests and indicators
}

type progressColumn struct {
	Phase model.Phase
	Cards []progressCard
}

type progressCard struct {
	model.InsightInPhase
	Stuck bool
}

func (h *handlers) progress(c *gin.Context) {
	ctx, p := c.Request.Context(), mustProject(c)
	now := h.Store.Now()
	ins, err := h.Store.Insights(ctx, p.ID, "")
	if err != nil {
		h.failErr(c, err)
		return
	}
	tests, err := h.Store.Tests(ctx, p.ID, 0)
	if err != nil {
		h.failErr(c, err)
		return
	}
	stale, err := h.Store.IndicatorsWithoutRecent(ctx, p.ID, now.Add(-staleAfterDays*24*time.Hour))
	if err != nil {
		h.failErr(c, err)
		return
	}
	pr := model.ComputeProgress(now, ins, tests, stale, stuckAfterDays, staleAfterDays)
	v := progressView{Progress: pr, Titles: map[int64]string{}}
	for _, in := range ins {
		v.Titles[in.ID] = in.Title
	}
	for _, ph := range model.Phases {
		col := progressColumn{Phase: ph}
		for _, ip := range pr.Insights {
			if ip.Phase == ph {
				col.Cards = append(col.Cards, progressCard{InsightInPhase: ip, Stuck: ip.DaysInPhase > stuckAfterDays})
			}
		}
		v.Columns = append(v.Columns, col)
	}
	h.render(c, http.StatusOK, "progress", h.base(c, "progress.title", "progress"), v)
}

type exportLink struct {
	File, Key string
}

var exports = []exportLink{
	{"effects.csv", "reports.effects_csv"},
	{"effects.xlsx", "reports.effects_xlsx"},
	{"effects.json", "reports.effects_json"},
	{"effects.html", "reports.effects_html"},
	{"insights.html", "reports.insights_html"},
	{"insights.json", "reports.insights_json"},
	{"project.qdpx", "reports.qdpx"},
}

// reportsView lists the exports with the analyst's current phase filter.
type reportsView struct {
	Exports []exportLink
	Phase   string
	Phases  []model.Phase
}

func (h *handlers) reports(c *gin.Context) {
	v := reportsView{Exports: exports, Phases: model.Phases}
	if ph, err := model.ParsePhase(c.Query("phase")); err == nil {
		v.Phase = string(ph)
	}
	h.render(c, http.StatusOK, "reports", h.base(c, "reports.title", "reports"), v)
}

// export writes one report file, built fresh from the store, through the
// same code as the API, which also notes in the audit log who took it out.
func (h *handlers) export(c *gin.Context) {
	opt, err := api.ExportOptions(c, c.GetString(keyLang))
	if err != nil {
		h.failErr(c, err)
		return
	}
	if err := api.ServeExport(c, h.Store, mustProject(c), mustUser(c), c.Param("file"), opt); err != nil {
		h.failErr(c, err)
	}
}
