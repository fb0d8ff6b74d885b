package ui

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/model"
	"indsigt/server"
)

const (
	permWrite      = model.PermWrite
	permMovePhase  = model.PermMovePhase
	permIndicators = model.PermIndicators
	permExport     = model.PermExport
)

// Keys of the values the middleware leaves in the gin context.
const (
	keySession = "ui.session"
	keyCookie  = "ui.cookie"
	keyLang    = "ui.lang"
)

// base is what every page shows whatever its content: the signed-in user,
// the language, the project and the CSRF token for its forms.
type base struct {
	Lang    string
	Title   string
	User    *model.User
	CSRF    string
	Project *model.Project
	Access  model.Access
	Path    string
	Nav     string
	Form    *formState  // a form that came back invalid, else nil
	leads   func() bool // asked only when the header is drawn
}

// Leads tells the header whether to link the portfolio: the user leads or
// owns some project.
func (b base) Leads() bool { return b.leads != nil && b.leads() }

// Can tells a template whether to show a form: "write", "phase",
// "indicators", "export" or "manage".
func (b base) Can(perm string) bool {
	if b.Project == nil {
		return false
	}
	switch perm {
	case "write":
		return b.Access.Can(model.PermWrite)
	case "phase":
		return b.Access.Can(model.PermMovePhase)
	case "indicators":
		return b.Access.Can(model.PermIndicators)
	case "export":
		return b.Access.Can(model.PermExport)
	case "manage":
		return b.Access.Can(model.PermManage)
	}
	return false
}

// view is the data of a page template: the shared part and the page's own.
type view struct {
	base
	D any
}

func (h *handlers) loadSession(c *gin.Context) {
	lang := ""
	if cookie, err := c.Cookie(h.cookieName(SessionCookie)); err == nil && cookie != "" {
		s, err := h.Auth.Session(c.Request.Context(), cookie)
		switch {
		case err == nil:
			c.Set(keySession, s)
			server.SetUser(c, s.User)
			c.Set(keyCookie, cookie)
			lang = s.Lang
		case !errors.Is(err, auth.ErrUnauthenticated):
			// Sending the user to the login page would say "signed out"
			// when the database is only away for a moment.
			h.Log.Error("ui: session", "err", err)
			c.Set(keyLang, normLang(acceptLang(c.GetHeader("Accept-Language"))))
			c.Header("Retry-After", "5")
			h.fail(c, http.StatusServiceUnavailable, "error.unavailable")
			return
		}
	}
	// The language changes only by POST /lang: a GET never writes state,
	// so a link or an image cannot change it.
	if lang == "" {
		if l, err := c.Cookie(h.cookieName(langCookie)); err == nil {
			lang = l
		}
	}
	if lang == "" {
		lang = acceptLang(c.GetHeader("Accept-Language"))
	}
	c.Set(keyLang, normLang(lang))
	c.Next()
}

func (h *handlers) rememberLang(c *gin.Context, lang string) {
	if cookie := c.GetString(keyCookie); cookie != "" {
		if err := h.Auth.SetLang(c.Request.Context(), cookie, lang); err != nil {
			h.Log.Error("ui: remember language", "err", err)
		}
		return
	}
	h.setCookie(c, langCookie, lang, 365*24*3600)
}

func (h *handlers) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: h.cookieName(name), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
}

func session(c *gin.Context) (auth.Session, bool) {
	v, ok := c.Get(keySession)
	if !ok {
		return auth.Session{}, false
	}
	s, ok := v.(auth.Session)
	return s, ok
}

func mustProject(c *gin.Context) model.Project { return server.MustScope(c).Project }

// requireUser sends a visitor who is not signed in to the login page.
func (h *handlers) requireUser(c *gin.Context) {
	if _, ok := session(c); ok {
		c.Next()
		return
	}
	next := c.Request.URL.RequestURI()
	to := "/login"
	if c.Request.Method == http.MethodGet && next != "/" {
		to += "?next=" + url.QueryEscape(next)
	}
	if c.GetHeader("HX-Request") == "true" {
		c.Header("HX-Redirect", to)
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Redirect(http.StatusSeeOther, to)
	c.Abort()
}

// checkCSRF accepts a POST only with the session's token, in the form
// field csrf_token or, from htmx, in the X-CSRF-Token header.
func (h *handlers) checkCSRF(c *gin.Context) {
	s, ok := session(c)
	tok := c.GetHeader("X-CSRF-Token")
	if tok == "" {
		tok = c.PostForm("csrf_token")
	}
	if !ok || tok == "" || !auth.Equal(tok, s.CSRFToken) {
		h.fail(c, http.StatusForbidden, "error.csrf")
		return
	}
	c.Next()
}

// require stops a member whose role lacks perm with the error page.
func (h *handlers) require(perm model.Permission) gin.HandlerFunc {
	return server.Require(perm, func(c *gin.Context) { h.fail(c, http.StatusForbidden, "error.forbidden") })
}

func (h *handlers) base(c *gin.Context, title, nav string) base {
	b := base{Lang: c.GetString(keyLang), Title: title, Path: c.Request.URL.RequestURI(), Nav: nav, Form: formFrom(c)}
	if s, ok := session(c); ok {
		u := s.User
		b.User, b.CSRF = &u, s.CSRFToken
		b.leads = func() bool {
			ok, err := h.App.LeadsAny(c.Request.Context(), app.UserActor(u))
			if err != nil {
				h.Log.Error("ui: leads any", "err", err)
			}
			return ok
		}
	}
	if sc, ok := server.ScopeOf(c); ok {
		b.Project, b.Access = &sc.Project, sc.Access
	}
	return b
}

// render writes a page, or only its named block for htmx requests that ask
// for a fragment.
func (h *handlers) render(c *gin.Context, status int, page string, b base, data any) {
	h.renderTemplate(c, status, page, "layout", view{base: b, D: data})
}

func (h *handlers) renderTemplate(c *gin.Context, status int, page, tmpl string, data any) {
	var buf bytes.Buffer
	if err := h.views.render(&buf, c.GetString(keyLang), page, tmpl, data); err != nil {
		h.Log.Error("ui: render", "page", page, "err", err)
		c.String(http.StatusInternalServerError, "internal error")
		c.Abort()
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Vary", "HX-Request")
	c.Data(formStatus(c, status), "text/html; charset=utf-8", buf.Bytes())
}

type errorView struct {
	Key     string
	Message string
	Back    string
}

// fail shows an error page with a message from the message files.
func (h *handlers) fail(c *gin.Context, status int, key string) {
	h.failMsg(c, status, key, "")
}

func (h *handlers) failMsg(c *gin.Context, status int, key, msg string) {
	b := h.base(c, "", "")
	h.render(c, status, "error", b, errorView{Key: key, Message: msg, Back: localPath(c.GetHeader("Referer"), "")})
	c.Abort()
}

// failErr maps a service error to a page: invalid input is shown to the
// user, anything unknown only in the log.
func (h *handlers) failErr(c *gin.Context, err error) {
	switch {
	case errors.Is(err, model.ErrNotFound):
		h.fail(c, http.StatusNotFound, "error.notfound")
	case errors.Is(err, model.ErrInvalid):
		h.failMsg(c, http.StatusBadRequest, "error.invalid", cleanMsg(err))
	case errors.Is(err, model.ErrConflict):
		h.failMsg(c, http.StatusConflict, "error.conflict", cleanMsg(err))
	case errors.Is(err, model.ErrForbidden):
		h.fail(c, http.StatusForbidden, "error.forbidden")
	case errors.Is(err, app.ErrDatabaseBusy):
		c.Header("Retry-After", "5")
		h.fail(c, http.StatusServiceUnavailable, "error.unavailable")
	default:
		h.Log.Error("ui: request failed", "path", c.Request.URL.Path, "err", err)
		h.fail(c, http.StatusInternalServerError, "error.internal")
	}
}

func cleanMsg(err error) string {
	msg := err.Error()
	for _, p := range []string{"store: ", "ui: ", "invalid: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

// localPath accepts only a path on this site (so a form's "next" cannot
// send the user elsewhere), else def.
func localPath(s, def string) string {
	u, err := url.Parse(s)
	if err != nil || s == "" {
		return def
	}
	if u.Scheme != "" || u.Host != "" {
		// A Referer is absolute: keep its path only.
		u = &url.URL{Path: u.Path, RawQuery: u.RawQuery, Fragment: u.Fragment}
	}
	p := u.String()
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return def
	}
	return p
}
