package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/report"
	"indsigt/store"
)

// Export is one downloadable report.
type Export struct {
	Name        string // e.g. "effects.csv"
	ContentType string
	Write       func(c *gin.Context, s *store.Store, p model.Project, buf *bytes.Buffer) error
}

func lang(c *gin.Context) string {
	if strings.HasPrefix(c.Query("lang"), "en") {
		return "en"
	}
	return "da"
}

// Exports lists the reports for analysts; the UI offers the same ones.
var Exports = []Export{
	{"effects.csv", "text/csv; charset=utf-8", effects(func(c *gin.Context, b *bytes.Buffer, r report.EffectReport) error {
		return report.WriteEffectsCSV(b, r)
	})},
	{"effects.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", effects(func(c *gin.Context, b *bytes.Buffer, r report.EffectReport) error {
		return report.WriteEffectsXLSX(b, r)
	})},
	{"effects.json", "application/json; charset=utf-8", effects(func(c *gin.Context, b *bytes.Buffer, r report.EffectReport) error {
		return report.WriteEffectsJSON(b, r)
	})},
	{"effects.html", "text/html; charset=utf-8", effects(func(c *gin.Context, b *bytes.Buffer, r report.EffectReport) error {
		return report.WriteEffectsHTML(b, r, lang(c))
	})},
	{"insights.html", "text/html; charset=utf-8", insights(func(c *gin.Context, b *bytes.Buffer, r report.InsightReport) error {
		return report.WriteInsightsHTML(b, r, lang(c))
	})},
	{"insights.json", "application/json; charset=utf-8", insights(func(c *gin.Context, b *bytes.Buffer, r report.InsightReport) error {
		return report.WriteInsightsJSON(b, r)
	})},
	{"project.qdpx", "application/zip", func(c *gin.Context, s *store.Store, p model.Project, b *bytes.Buffer) error {
		q, err := report.BuildQDA(c.Request.Context(), s, p)
		if err != nil {
			return err
		}
		return report.WriteQDPX(b, q)
	}},
}

func effects(w func(*gin.Context, *bytes.Buffer, report.EffectReport) error) func(*gin.Context, *store.Store, model.Project, *bytes.Buffer) error {
	return func(c *gin.Context, s *store.Store, p model.Project, b *bytes.Buffer) error {
		r, err := report.BuildEffects(c.Request.Context(), s, p)
		if err != nil {
			return err
		}
		return w(c, b, r)
	}
}

func insights(w func(*gin.Context, *bytes.Buffer, report.InsightReport) error) func(*gin.Context, *store.Store, model.Project, *bytes.Buffer) error {
	return func(c *gin.Context, s *store.Store, p model.Project, b *bytes.Buffer) error {
		r, err := report.BuildInsights(c.Request.Context(), s, p)
		if err != nil {
			return err
		}
		return w(c, b, r)
	}
}

// ServeExport writes a report as a download and records the read of the
// notes in it in the audit log. The whole report is built in memory first
// so that a failure gives an error answer, not half a file.
func ServeExport(c *gin.Context, s *store.Store, p model.Project, u model.User, name string) error {
	for _, e := range Exports {
		if e.Name != name {
			continue
		}
		var buf bytes.Buffer
		if err := e.Write(c, s, p, &buf); err != nil {
			return err
		}
		if err := s.Audit(c.Request.Context(), u.ID, p.ID, "report.export", name, ""); err != nil {
			return err
		}
		file := fmt.Sprintf("%s-%s-%s", p.Slug, time.Now().UTC().Format("2006-01-02"), name)
		disposition := "attachment"
		if strings.HasSuffix(name, ".html") {
			disposition = "inline"
			c.Header("Content-Security-Policy", "default-src 'none'; style-src "+report.StyleHash()+"; img-src data:; frame-ancestors 'none'")
		}
		c.Header("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, file))
		c.Data(http.StatusOK, e.ContentType, buf.Bytes())
		return nil
	}
	return fmt.Errorf("%w: no report named %q", model.ErrNotFound, name)
}

func (h *handlers) export(c *gin.Context) {
	if err := ServeExport(c, h.Store, mustProject(c), mustUser(c), c.Param("name")); err != nil {
		h.failErr(c, err)
	}
}

func (h *handlers) auditLog(c *gin.Context) {
	es, err := h.Store.AuditLog(c.Request.Context(), mustProject(c).ID, 500)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if es == nil {
		es = []store.AuditEntry{}
	}
	c.JSON(http.StatusOK, Page[store.AuditEntry]{Items: es})
}
