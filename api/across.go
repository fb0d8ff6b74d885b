package api

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/server"
)

// globalRoutes are the routes over all of the caller's projects; which
// projects is always the caller's memberships, never a parameter.
func (h *handlers) globalRoutes(v1 *gin.RouterGroup) {
	v1.GET("/search", h.searchAcross)
	v1.GET("/portfolio", h.portfolio)
}

// AcrossAnswer is the shape of GET /api/v1/search.
type AcrossAnswer struct {
	Searched int    `json:"searched"`
	Total    uint64 `json:"total"`
	// TotalAtLeast: total is a lower bound (a project's is); left out
	// when exact.
	TotalAtLeast bool            `json:"total_at_least,omitempty"`
	Projects     []ProjectAnswer `json:"projects"`
}

// ProjectAnswer is one project's hits: the first page of the project's own
// search, whose next pages SearchURL gives.
type ProjectAnswer struct {
	Project model.Project `json:"project"`
	Total   uint64        `json:"total"`
	// TotalAtLeast: total is a lower bound; left out when exact.
	TotalAtLeast bool         `json:"total_at_least,omitempty"`
	Items        []SearchItem `json:"items"`
	SearchURL    string       `json:"search_url"`
}

func (h *handlers) searchAcross(c *gin.Context) {
	req, err := app.ParseSearch(c.Request.URL.Query())
	if err != nil {
		h.failErr(c, err)
		return
	}
	res, err := h.App.SearchAcross(c.Request.Context(), server.Actor(c), req)
	if err != nil {
		h.failErr(c, err)
		return
	}
	out := AcrossAnswer{Searched: res.Searched, Total: res.Total, TotalAtLeast: res.TotalAtLeast, Projects: make([]ProjectAnswer, 0, len(res.Projects))}
	for _, ph := range res.Projects {
		items := NewSearchAnswer(&search.Result{Total: ph.Total, Hits: ph.Hits}).Items
		out.Projects = append(out.Projects, ProjectAnswer{Project: ph.Project, Total: ph.Total, TotalAtLeast: ph.TotalAtLeast, Items: items,
			SearchURL: "/api/v1/projects/" + ph.Project.Slug + "/search?q=" + url.QueryEscape(req.Query)})
	}
	c.JSON(http.StatusOK, out)
}

func (h *handlers) portfolio(c *gin.Context) {
	q := app.PortfolioQuery{Project: c.Query("project"), Phase: c.Query("phase")}
	switch c.Query("stuck") {
	case "", "false", "0":
	case "true", "1", "on":
		q.StuckOnly = true
	default:
		h.failErr(c, model.Invalid("stuck", model.RuleOneOf, "stuck must be true or false"))
		return
	}
	pf, err := h.App.Portfolio(c.Request.Context(), server.Actor(c), q)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, pf)
}
