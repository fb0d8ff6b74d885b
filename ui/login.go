package ui

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
)

type loginView struct {
	Email string
	Next  string
	Error bool
}

// loginToken returns the pre-session CSRF token of the login form, set as
// a cookie that the form must echo (double submit): a session token does
// not exist yet.
func (h *handlers) loginToken(c *gin.Context) string {
	if tok, err := c.Cookie(loginCSRF); err == nil && len(tok) >= 32 && len(tok) < 100 {
		return tok
	}
	tok := auth.Random(32)
	h.setCookie(c, loginCSRF, tok, 3600)
	return tok
}

func (h *handlers) loginForm(c *gin.Context) {
	if _, ok := session(c); ok {
		c.Redirect(http.StatusSeeOther, localPath(c.Query("next"), "/"))
		return
	}
	h.showLogin(c, http.StatusOK, loginView{Next: localPath(c.Query("next"), "")})
}

func (h *handlers) showLogin(c *gin.Context, status int, v loginView) {
	b := h.base(c, "login.title", "")
	b.CSRF = h.loginToken(c)
	h.render(c, status, "login", b, v)
}

func (h *handlers) login(c *gin.Context) {
	cookie, err := c.Cookie(loginCSRF)
	form := c.PostForm("csrf_token")
	if err != nil || cookie == "" || !auth.Equal(cookie, form) {
		h.fail(c, http.StatusForbidden, "error.csrf")
		return
	}
	email := strings.TrimSpace(c.PostForm("email"))
	next := localPath(c.PostForm("next"), "/")
	u, err := h.Auth.Login(c.Request.Context(), email, c.PostForm("password"))
	if err != nil {
		h.showLogin(c, http.StatusUnauthorized, loginView{Email: email, Next: next, Error: true})
		return
	}
	tok, err := h.Auth.StartSession(c.Request.Context(), u)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if l, err := c.Cookie(langCookie); err == nil && (l == "da" || l == "en") {
		_ = h.Auth.SetLang(c.Request.Context(), tok, l)
	}
	h.setCookie(c, SessionCookie, tok, int(auth.SessionTTL.Seconds()))
	h.setCookie(c, loginCSRF, "", -1)
	c.Redirect(http.StatusSeeOther, next)
}

func (h *handlers) logout(c *gin.Context) {
	if err := h.Auth.EndSession(c.Request.Context(), c.GetString(keyCookie)); err != nil {
		h.Log.Error("ui: end session", "err", err)
	}
	h.setCookie(c, SessionCookie, "", -1)
	c.Redirect(http.StatusSeeOther, "/login")
}

// setLang switches the language. It changes nothing but a preference, yet
// a signed-in user's form still carries the CSRF token like every other.
func (h *handlers) setLang(c *gin.Context) {
	lang := c.PostForm("lang")
	if lang != "da" && lang != "en" {
		h.fail(c, http.StatusBadRequest, "error.invalid")
		return
	}
	if s, ok := session(c); ok && !auth.Equal(c.PostForm("csrf_token"), s.CSRFToken) {
		h.fail(c, http.StatusForbidden, "error.csrf")
		return
	}
	h.rememberLang(c, lang)
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("next"), "/"))
}
