package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/report"
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

func (h *handlers) reports(c *gin.Context) {
	h.render(c, http.StatusOK, "reports", h.base(c, "reports.title", "reports"), exports)
}

// export writes one report file, built fresh from the store, and notes in
// the audit log who took it out.
func (h *handlers) export(c *gin.Context) {
	file := c.Param("file")
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	lang := c.GetString(keyLang)
	var buf bytes.Buffer
	var ctype string
	var err error
	switch file {
	case "effects.csv", "effects.xlsx", "effects.json", "effects.html":
		var r report.EffectReport
		if r, err = report.BuildEffects(ctx, h.Store, p); err == nil {
			ctype, err = writeEffects(&buf, file, r, lang)
		}
	case "insights.html", "insights.json":
		var r report.InsightReport
		if r, err = report.BuildInsights(ctx, h.Store, p); err == nil {
			if file == "insights.html" {
				ctype, err = "text/html; charset=utf-8", report.WriteInsightsHTML(&buf, r, lang)
			} else {
				ctype, err = "application/json", report.WriteInsightsJSON(&buf, r)
			}
		}
	case "project.qdpx":
		var q report.QDAProject
		if q, err = report.BuildQDA(ctx, h.Store, p); err == nil {
			ctype, err = "application/zip", report.WriteQDPX(&buf, q)
		}
	default:
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		h.failErr(c, fmt.Errorf("ui: export %s: %w", file, err))
		return
	}
	if err := h.Store.Audit(ctx, u.ID, p.ID, "report.export", "project:"+strconv.FormatInt(p.ID, 10), file); err != nil {
		h.failErr(c, err)
		return
	}
	if ctype == "text/html; charset=utf-8" {
		// The HTML reports carry their style inline so a saved copy stands alone.
		c.Header("Content-Security-Policy", "default-src 'none'; style-src "+report.StyleHash()+"; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	} else {
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s"`, p.Slug, file))
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, ctype, buf.Bytes())
}

func writeEffects(buf *bytes.Buffer, file string, r report.EffectReport, lang string) (string, error) {
	switch file {
	case "effects.csv":
		return "text/csv; charset=utf-8", report.WriteEffectsCSV(buf, r)
	case "effects.xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.WriteEffectsXLSX(buf, r)
	case "effects.json":
		return "application/json", report.WriteEffectsJSON(buf, r)
	}
	return "text/html; charset=utf-8", report.WriteEffectsHTML(buf, r, lang)
}
