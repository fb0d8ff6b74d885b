package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type portfolioView struct {
	Query     app.PortfolioQuery
	Portfolio app.Portfolio
	Counts    []phaseCount
	Total     int
	// Error is a filter's message, next to its field.
	Error, ErrorField string
}

type phaseCount struct {
	Phase        model.Phase
	Count, Stuck int
}

// portfolio is the lead's view across the projects they lead or own.
func (h *handlers) portfolio(c *gin.Context) {
	q := app.PortfolioQuery{Project: c.Query("project"), Phase: c.Query("phase"), StuckOnly: c.Query("stuck") != ""}
	v := portfolioView{Query: q}
	pf, err := h.App.Portfolio(c.Request.Context(), server.Actor(c), q)
	status := http.StatusOK
	if fe, ok := model.AsFieldError(err); ok {
		// A filter that names nothing of the user's: show the form again
		// with every project's insights and the message by the field.
		v.Error, v.ErrorField, status = h.fieldMessage(c, fe), fe.Field, http.StatusBadRequest
		v.Query = app.PortfolioQuery{}
		pf, err = h.App.Portfolio(c.Request.Context(), server.Actor(c), v.Query)
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.Portfolio = pf
	for _, ph := range model.Phases {
		v.Counts = append(v.Counts, phaseCount{Phase: ph, Count: pf.PerPhase[ph], Stuck: pf.StuckPerPhase[ph]})
		v.Total += pf.PerPhase[ph]
	}
	h.render(c, status, "portfolio", h.base(c, "portfolio.title", "portfolio"), v)
}
