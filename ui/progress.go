package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

type progressView struct {
	Columns  []progressColumn
	Progress model.Progress
	Titles   map[int64]string // insight id → title, for tests and indicators
	// The "stuck" thresholds of the three phases, for the intro.
	StuckOpdag, StuckSkab, StuckVirk int
}

type progressColumn struct {
	Phase model.Phase
	Cards []progressCard
}

type progressCard struct {
	model.InsightInPhase
	Stuck bool
}

// progress is the lead's board, from the same read model as the API's
// GET …/progress, with the board's thresholds (stuckAfterDays and
// staleAfterDays, which are app's defaults).
func (h *handlers) progress(c *gin.Context) {
	pr, err := h.App.Progress(c.Request.Context(), mustScope(c), stuckAfterDays, staleAfterDays)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v := progressView{Progress: pr, Titles: map[int64]string{},
		StuckOpdag: pr.StuckAfter[model.PhaseOpdag], StuckSkab: pr.StuckAfter[model.PhaseSkab], StuckVirk: pr.StuckAfter[model.PhaseVirk]}
	for _, in := range pr.Insights {
		v.Titles[in.ID] = in.Title
	}
	for _, ph := range model.Phases {
		col := progressColumn{Phase: ph}
		for _, ip := range pr.Insights {
			if ip.Phase == ph {
				col.Cards = append(col.Cards, progressCard{InsightInPhase: ip, Stuck: ip.Stuck})
			}
		}
		v.Columns = append(v.Columns, col)
	}
	h.render(c, http.StatusOK, "progress", h.base(c, "progress.title", "progress"), v)
}
