// Package ui serves indsigt's web pages: server-rendered html/template pages
// with htmx, embedded templates, message files and static assets. Its
// handlers parse a form, call one use case of package app and render.
package ui

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/model"
	"indsigt/server"
)

// Deps are what the pages call: the use cases, and auth for sessions.
type Deps struct {
	App  *app.App
	Auth *auth.Service
	Log  *slog.Logger
	// BaseURL decides whether cookies are marked Secure (https).
	BaseURL string
	// OIDC, when set, adds sign-in through the municipality's identity
	// provider (ui/oidc.go).
	OIDC *auth.OIDC
}

// Cookie names.
const (
	SessionCookie = "indsigt_session"
	loginCSRF     = "indsigt_login_csrf"
	langCookie    = "indsigt_lang"
)

type handlers struct {
	Deps
	msgs   messages
	views  *views
	assets *assets
	secure bool
}

// Register parses every template and message file and adds the pages to r.
// A missing or broken template, or a key missing from a message file, is an
// error here rather than on some later request.
func Register(s *server.Shell, d Deps) error {
	if d.App == nil || d.Auth == nil {
		return fmt.Errorf("ui: the use cases and auth are required")
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	msgs, err := loadMessages()
	if err != nil {
		return err
	}
	as, err := loadAssets()
	if err != nil {
		return err
	}
	vs, err := parseViews(msgs, as)
	if err != nil {
		return err
	}
	h := &handlers{Deps: d, msgs: msgs, views: vs, assets: as, secure: strings.HasPrefix(strings.ToLower(d.BaseURL), "https://")}
	h.routes(s.Engine)
	s.NotFoundPage(func(c *gin.Context) {
		h.loadSession(c)
		h.fail(c, http.StatusNotFound, "error.notfound")
	})
	s.AllowBody(http.MethodPost, "/p/:slug/sources", app.MaxUploadBody)
	s.AllowBody(http.MethodPost, "/p/:slug/imports/qdpx", app.MaxQDPXBytes)
	return nil
}

func (h *handlers) routes(r *gin.Engine) {
	r.GET("/static/*file", h.static)
	g := r.Group("", h.loadSession, h.mustChangePassword)
	g.GET("/", h.home)
	g.GET("/login", h.loginForm)
	g.POST("/login", h.login)
	g.POST("/logout", h.requireUser, h.checkCSRF, h.logout)
	g.POST("/lang", h.setLang)
	g.POST("/projects", h.requireUser, h.checkCSRF, h.createProject)
	h.accountRoutes(g)
	h.acrossRoutes(g)

	// A member enters the project; anyone else gets the same 404 as for a
	// project that does not exist.
	p := g.Group("/p/:slug", h.requireUser, server.EnterProject(h.App, "slug", h.failErr))
	p.GET("", h.overview)
	// Permission before CSRF: the CSRF field is in the multipart body, and
	// a member who may not upload must not get it spooled at all.
	p.POST("/sources", h.require(permWrite), h.checkCSRF, h.upload)
	p.POST("/members", h.checkCSRF, h.require(model.PermManage), h.addMember)
	p.POST("/members/:user_id/remove", h.checkCSRF, h.require(model.PermManage), h.removeMember)
	p.POST("/members/:user_id/role", h.checkCSRF, h.require(model.PermManage), h.setMemberRole)
	h.privacyRoutes(p)
	h.auditRoutes(g, p)
	p.GET("/sources/:id", h.source)
	p.GET("/sources/:id/review", h.review)
	p.POST("/review/:id/original", h.checkCSRF, h.require(permWrite), h.reviewOriginal)
	p.POST("/review/:id/restore", h.checkCSRF, h.require(permWrite), h.restoreReview)
	p.POST("/review/:id/keep", h.checkCSRF, h.require(permWrite), h.keepReview)
	p.POST("/notes/:id/redact", h.checkCSRF, h.require(permWrite), h.redactNote)
	p.POST("/notes/:id/tags", h.checkCSRF, h.require(permWrite), h.tagNote)
	p.POST("/notes/:id/untag", h.checkCSRF, h.require(permWrite), h.untagNote)
	p.POST("/tags", h.checkCSRF, h.require(permWrite), h.bulkTag)
	h.highlightRoutes(p)
	p.GET("/search", h.search)
	p.GET("/search/facets", h.searchFacets)
	p.POST("/saved-searches", h.checkCSRF, h.saveSearch)
	p.POST("/saved-searches/:id/delete", h.checkCSRF, h.deleteSavedSearch)
	p.GET("/board", h.board)
	p.POST("/insights", h.checkCSRF, h.require(permWrite), h.createInsight)
	p.GET("/insights/:id", h.insight)
	p.POST("/insights/:id/evidence", h.checkCSRF, h.require(permWrite), h.addEvidence)
	p.POST("/evidence", h.checkCSRF, h.require(permWrite), h.addEvidence)
	p.POST("/add-to-insight", h.checkCSRF, h.require(permWrite), h.addToInsight)
	p.POST("/insights/:id/edit", h.checkCSRF, h.require(permWrite), h.editInsight)
	p.POST("/insights/:id/evidence/:note/remove", h.checkCSRF, h.require(permWrite), h.removeEvidence)
	p.POST("/insights/:id/phase", h.checkCSRF, h.require(permMovePhase), h.movePhase)
	p.POST("/insights/:id/tests", h.checkCSRF, h.require(permWrite), h.addTest)
	p.POST("/insights/:id/tests/:tid", h.checkCSRF, h.require(permWrite), h.updateTest)
	p.POST("/insights/:id/indicators", h.checkCSRF, h.require(permIndicators), h.addIndicator)
	p.POST("/indicators/:id/measurements", h.checkCSRF, h.require(permIndicators), h.addMeasurement)
	p.GET("/progress", h.progress)
	p.POST("/progress/thresholds", h.checkCSRF, h.require(model.PermManage), h.setThresholds)
	p.GET("/memos", h.memos)
	// A reload of the address a form posted to (after an upload, say) is a
	// GET: it goes back to the page, not to a "method not allowed".
	for path, to := range map[string]string{"/sources": "", "/tags": "", "/insights": "", "/evidence": "/board", "/add-to-insight": "/search", "/codebook/tags": "/codebook",
		"/progress/thresholds": "/progress"} {
		p.GET(path, h.reloaded(to))
	}
	p.GET("/codebook", h.codebook)
	p.POST("/codebook/tags", h.checkCSRF, h.require(permWrite), h.createTag)
	p.POST("/codebook/:tag/edit", h.checkCSRF, h.require(permWrite), h.updateTag)
	p.POST("/codebook/:tag/merge", h.checkCSRF, h.require(permWrite), h.mergeTag)
	p.POST("/codebook/:tag/rules", h.checkCSRF, h.require(permWrite), h.addRule)
	p.GET("/notes/:id", h.note)
	p.POST("/insights/:id/memos", h.checkCSRF, h.require(permWrite), h.insightMemo)
	p.POST("/sources/:id/memos", h.checkCSRF, h.require(permWrite), h.sourceMemo)
	p.POST("/codebook/memos", h.checkCSRF, h.require(permWrite), h.tagMemo)
	p.POST("/memos/:mid/delete", h.checkCSRF, h.require(permWrite), h.deleteMemo)
	p.GET("/reports", h.reports)
	p.GET("/reports/:file", h.require(permExport), h.export)
	p.POST("/imports/qdpx", h.require(permWrite), h.checkCSRF, h.importQDPX)
}
