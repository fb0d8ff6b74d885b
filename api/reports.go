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

// ServeExport writes a report as a download and records the read of the
// notes in it in the audit log. The whole report is built in memory first
// so that a failure gives an error answer, not half a file.
func ServeExport(c *gin.Context, s *store.Store, p model.Project, u model.User, name string, opt report.Options) error {
	f, err := report.FormatNamed(name)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(c.Request.Context(), s, p, opt, &buf); err != nil {
		return err
	}
	if err := s.Audit(c.Request.Context(), u.ID, p.ID, "report.export", name, string(opt.Phase)); err != nil {
		return err
	}
	file := fmt.Sprintf("%s-%s-%s", p.Slug, time.Now().UTC().Format("2006-01-02"), name)
	disposition := "attachment"
	if strings.HasSuffix(name, ".html") {
		// The printable page carries its own inline style, allowed by hash.
		disposition = "inline"
		c.Header("Content-Security-Policy", "default-src 'none'; style-src "+report.StyleHash()+"; img-src data:; frame-ancestors 'none'")
	}
	c.Header("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, file))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, f.ContentType, buf.Bytes())
	return nil
}

func (h *handlers) export(c *gin.Context) {
	opt, err := ExportOptions(c, c.Query("lang"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	if err := ServeExport(c, h.Store, mustProject(c), mustUser(c), c.Param("name"), opt); err != nil {
		h.failErr(c, err)
	}
}

// ExportOptions reads ?phase= and the language for an export.
func ExportOptions(c *gin.Context, lang string) (report.Options, error) {
	opt := report.Options{Lang: "da"}
	if strings.HasPrefix(lang, "en") {
		opt.Lang = "en"
	}
	if v := c.Query("phase"); v != "" {
		ph, err := model.ParsePhase(v)
		if err != nil {
			return opt, err
		}
		opt.Phase = ph
	}
	return opt, nil
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
