package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

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
	Import  *app.QDPXImport // the answer of an import just made
}

func (h *handlers) reports(c *gin.Context) { h.showReports(c, nil) }

func (h *handlers) showReports(c *gin.Context, imp *app.QDPXImport) {
	v := reportsView{Exports: exports, Phases: model.Phases, Import: imp}
	if ph, err := model.ParsePhase(c.Query("phase")); err == nil {
		v.Phase = string(ph)
	}
	h.render(c, http.StatusOK, "reports", h.base(c, "reports.title", "reports"), v)
}

// export writes one report file through the same use case as the API and
// the CLI, which also notes in the audit log who took it out. HTML reports
// are in the page's language.
func (h *handlers) export(c *gin.Context) {
	var e app.Export
	opt, err := app.ExportOptions(c.GetString(keyLang), c.Query("phase"))
	if err == nil {
		e, err = h.App.Export(c.Request.Context(), server.MustScope(c), c.Param("file"), opt)
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	server.Download(c, e)
}
