package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// The access log: a project's for its owners and admins, every project's
// for admins; filters by user (e-mail), action and dates, paged, and the
// same selection as a CSV for Excel.

func (h *handlers) auditRoutes(g *gin.RouterGroup, p *gin.RouterGroup) {
	p.GET("/audit", h.require(model.PermManage), h.projectAudit)
	p.GET("/audit.csv", h.require(model.PermManage), h.projectAuditCSV)
	ad := g.Group("/admin", h.requireUser, h.requireAdmin)
	ad.GET("/audit", h.allAudit)
	ad.GET("/audit.csv", h.allAuditCSV)
}

type auditView struct {
	Page    app.AccessPage
	Query   app.AccessQuery
	All     bool   // across projects
	CSV     string // the export of this selection
	NextURL string
	Actions []string
}

// auditActions are offered in the action filter; others can be typed.
var auditActions = []string{"search", "source.read", "note.read", "insight.read", "report.export", "audit.read", "audit.export",
	"source.ingest", "member.add", "member.role", "member.remove", "erase.source", "erase.note", "erase.participant", "retention.erase", "subject.access"}

func accessQuery(c *gin.Context) app.AccessQuery {
	limit, _ := strconv.Atoi(c.Query("limit"))
	return app.AccessQuery{User: c.Query("user"), Action: c.Query("action"), From: c.Query("from"), To: c.Query("to"), Cursor: c.Query("cursor"), Limit: limit}
}

func (q auditQueryValues) encode() string { return url.Values(q).Encode() }

type auditQueryValues url.Values

func queryValues(q app.AccessQuery) auditQueryValues {
	v := url.Values{}
	for k, s := range map[string]string{"user": q.User, "action": q.Action, "from": q.From, "to": q.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	return auditQueryValues(v)
}

func (h *handlers) showAudit(c *gin.Context, base string, all bool, page app.AccessPage, err error) {
	q := accessQuery(c)
	if err != nil {
		if _, ok := model.AsFieldError(err); ok {
			h.failMsg(c, http.StatusBadRequest, "error.invalid", cleanMsg(err))
			return
		}
		h.failErr(c, err)
		return
	}
	v := auditView{Page: page, Query: q, All: all, Actions: auditActions}
	qv := queryValues(q)
	v.CSV = base + ".csv?" + qv.encode()
	if page.NextCursor != "" {
		url.Values(qv).Set("cursor", page.NextCursor)
		v.NextURL = base + "?" + qv.encode()
	}
	c.Header("Cache-Control", "no-store")
	h.render(c, http.StatusOK, "audit", h.base(c, "audit.title", "audit"), v)
}

func (h *handlers) projectAudit(c *gin.Context) {
	sc := server.MustScope(c)
	page, err := h.App.AccessLog(c.Request.Context(), sc, accessQuery(c))
	h.showAudit(c, "/p/"+sc.Project.Slug+"/audit", false, page, err)
}

func (h *handlers) allAudit(c *gin.Context) {
	page, err := h.App.AccessLogAll(c.Request.Context(), app.UserActor(server.User(c)), accessQuery(c))
	h.showAudit(c, "/admin/audit", true, page, err)
}

func (h *handlers) projectAuditCSV(c *gin.Context) {
	h.auditCSV(c, server.MustScope(c))
}

func (h *handlers) allAuditCSV(c *gin.Context) {
	h.auditCSV(c, app.Scope{Actor: app.UserActor(server.User(c))})
}

func (h *handlers) auditCSV(c *gin.Context, sc app.Scope) {
	e, err := h.App.AccessLogCSV(c.Request.Context(), sc, accessQuery(c))
	if err != nil {
		h.failErr(c, err)
		return
	}
	server.Download(c, e)
}
