package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
	"indsigt/model"
)

type loginView struct {
	Email string
	Next  string
	Error bool
	// Wait is set when the login was throttled: seconds until a new try.
	Wait     int
	Disabled bool
	// OIDC names the identity provider's button ("Kolding Kommune") when
	// sign-in through it is configured.
	OIDC string
	// OIDCFailed: the provider's sign-in came back refused.
	OIDCFailed bool
}

// cookieName gives a cookie the __Host- prefix behind https: the browser
// then accepts it only from this host, with Secure and Path=/, so a
// sibling subdomain cannot plant or overwrite it.
func (h *handlers) cookieName(name string) string {
	if h.secure {
		return "__Host-" + name
	}
	return name
}

// loginToken returns the pre-session CSRF token of the login form, set as
// a cookie that the form must echo (double submit): a session token does
// not exist yet.
func (h *handlers) loginToken(c *gin.Context) string {
	if tok, err := c.Cookie(h.cookieName(loginCSRF)); err == nil && len(tok) >= 32 && len(tok) < 100 {
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
	if h.OIDC != nil {
		v.OIDC = h.OIDC.Name()
	}
	h.render(c, status, "login", b, v)
}

func (h *handlers) login(c *gin.Context) {
	cookie, err := c.Cookie(h.cookieName(loginCSRF))
	form := c.PostForm("csrf_token")
	if err != nil || cookie == "" || !auth.Equal(cookie, form) {
		h.fail(c, http.StatusForbidden, "error.csrf")
		return
	}
	email := strings.TrimSpace(c.PostForm("email"))
	next := localPath(c.PostForm("next"), "/")
	u, err := h.Auth.LoginFrom(c.Request.Context(), c.ClientIP(), email, c.PostForm("password"))
	var throttled *auth.ThrottledError
	switch {
	case errors.As(err, &throttled):
		c.Header("Retry-After", strconv.Itoa(throttled.Seconds()))
		h.showLogin(c, http.StatusTooManyRequests, loginView{Email: email, Next: next, Wait: throttled.Seconds()})
		return
	case errors.Is(err, auth.ErrDisabled):
		h.showLogin(c, http.StatusForbidden, loginView{Email: email, Next: next, Disabled: true})
		return
	case errors.Is(err, auth.ErrUnauthenticated):
		h.showLogin(c, http.StatusUnauthorized, loginView{Email: email, Next: next, Error: true})
		return
	case err != nil:
		h.failErr(c, err)
		return
	}
	h.signIn(c, u, next)
}

// signIn starts a session for a user who proved who they are (password or
// identity provider) and sends the browser on; after an operator's reset,
// to the account page to choose a password.
func (h *handlers) signIn(c *gin.Context, u model.User, next string) {
	tok, err := h.Auth.StartSession(c.Request.Context(), u)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if l, err := c.Cookie(h.cookieName(langCookie)); err == nil && (l == "da" || l == "en") {
		_ = h.Auth.SetLang(c.Request.Context(), tok, l)
	}
	h.setCookie(c, SessionCookie, tok, int(auth.SessionTTL.Seconds()))
	h.setCookie(c, loginCSRF, "", -1)
	if s, err := h.Auth.Session(c.Request.Context(), tok); err == nil && s.MustChangePassword {
		next = "/account"
	}
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
