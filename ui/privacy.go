package ui

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// privacyRoutes are erasure and subject access, for owners and admins.
func (h *handlers) privacyRoutes(p *gin.RouterGroup) {
	manage := h.require(model.PermManage)
	p.POST("/sources/:id/erase", h.checkCSRF, manage, h.eraseSource)
	p.GET("/participants", manage, h.findParticipant)
	p.GET("/participants/:code", manage, h.participant)
	p.GET("/participants/:code/report.html", manage, h.participantReport)
	p.POST("/participants/:code/erase", h.checkCSRF, manage, h.eraseParticipant)
}

// privacyKeys are the message keys these handlers use from Go.
var privacyKeys = []string{"erase.unconfirmed", "participant.title", "audit.title"}

// confirmed is the erasure forms' second step: the button inside the
// opened confirmation sends confirm=yes; anything else changes nothing.
func (h *handlers) confirmed(c *gin.Context) bool {
	if c.PostForm("confirm") != "yes" {
		h.fail(c, http.StatusBadRequest, "erase.unconfirmed")
		return false
	}
	return true
}

func (h *handlers) eraseSource(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	if !h.confirmed(c) {
		return
	}
	sc := server.MustScope(c)
	if _, err := h.App.EraseSource(c.Request.Context(), sc, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"?erased=source#sources-h")
}

func (h *handlers) findParticipant(c *gin.Context) {
	code := strings.Trim(strings.TrimSpace(c.Query("code")), "[]")
	if code == "" {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+server.MustScope(c).Project.Slug+"/participants/"+url.PathEscape(code))
}

type participantView struct {
	Report app.SubjectReport
	Code   string
}

// participant shows what the project holds about one participant (the
// subject access report, audited), with the printable report and the
// erasure control.
func (h *handlers) participant(c *gin.Context) {
	r, err := h.App.SubjectAccess(c.Request.Context(), server.MustScope(c), c.Param("code"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	h.render(c, http.StatusOK, "participant", h.base(c, "participant.title", "overview"), participantView{Report: r, Code: r.Participant})
}

func (h *handlers) participantReport(c *gin.Context) {
	e, err := h.App.SubjectExport(c.Request.Context(), server.MustScope(c), c.Param("code"), c.GetString(keyLang))
	if err != nil {
		h.failErr(c, err)
		return
	}
	server.Download(c, e)
}

func (h *handlers) eraseParticipant(c *gin.Context) {
	if !h.confirmed(c) {
		return
	}
	sc := server.MustScope(c)
	if _, err := h.App.EraseParticipant(c.Request.Context(), sc, c.Param("code")); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"?erased=participant")
}

// expiry is when retention erases a source, or the zero time when the
// project keeps its sources (the rule of store.ExpiredSources).
func expiry(p model.Project, s model.Source) time.Time {
	if p.RetentionDays <= 0 {
		return time.Time{}
	}
	return s.CreatedAt.AddDate(0, 0, p.RetentionDays)
}
