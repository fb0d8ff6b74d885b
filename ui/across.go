package ui

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/search"
	"indsigt/server"
)

// acrossRoutes are the pages over all of the user's projects.
func (h *handlers) acrossRoutes(g *gin.RouterGroup) {
	g.GET("/search", h.requireUser, h.searchAcross)
	g.GET("/portfolio", h.requireUser, h.portfolio)
}

type acrossView struct {
	Query    string
	Ran      bool
	Error    string
	NotReady bool
	Searched int
	Total    uint64
	// TotalAtLeast: Total is a lower bound ("mindst 20.000").
	TotalAtLeast bool
	Groups       []acrossGroup
}

// acrossGroup is one project's hits; each links into the project.
type acrossGroup struct {
	Slug, Name   string
	Total        uint64
	TotalAtLeast bool
	Hits         []acrossHit
	MoreURL      string // the project's own search, when it has more hits than shown
}

type acrossHit struct {
	search.Hit
	Snippet template.HTML
}

// searchAcross is /search: one query in each of the user's projects.
func (h *handlers) searchAcross(c *gin.Context) {
	v := acrossView{Query: c.Query("q")}
	if v.Query != "" {
		h.runAcross(c, &v)
	}
	h.render(c, http.StatusOK, "across", h.base(c, "across.title", "across"), v)
}

func (h *handlers) runAcross(c *gin.Context, v *acrossView) {
	if _, err := h.App.Index(); err != nil {
		v.NotReady = true
		return
	}
	v.Ran = true
	res, err := h.App.SearchAcross(c.Request.Context(), server.Actor(c), search.Request{Query: v.Query})
	if err != nil {
		v.Error = searchError(err)
		return
	}
	v.Searched, v.Total, v.TotalAtLeast = res.Searched, res.Total, res.TotalAtLeast
	for _, ph := range res.Projects {
		g := acrossGroup{Slug: ph.Project.Slug, Name: ph.Project.Name, Total: ph.Total, TotalAtLeast: ph.TotalAtLeast}
		if ph.Total > uint64(len(ph.Hits)) || ph.TotalAtLeast {
			g.MoreURL = "/p/" + ph.Project.Slug + "/search?q=" + url.QueryEscape(v.Query)
		}
		for _, hit := range ph.Hits {
			g.Hits = append(g.Hits, acrossHit{Hit: hit, Snippet: template.HTML(hit.Snippet)}) // #nosec: escaped by the index
		}
		v.Groups = append(v.Groups, g)
	}
}

// hitCount is a total for the templates' "hits" template: the number,
// formatted by num, and whether it is a lower bound.
type hitCount struct {
	Total   uint64
	AtLeast bool
}

// Num is Total for the num function of the templates.
func (c hitCount) Num() float64 { return float64(c.Total) }

// Count is the page's total as a hitCount.
func (v acrossView) Count() hitCount { return hitCount{v.Total, v.TotalAtLeast} }

// Count is the project's total as a hitCount.
func (g acrossGroup) Count() hitCount { return hitCount{g.Total, g.TotalAtLeast} }
