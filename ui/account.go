package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
	"indsigt/model"
	"indsigt/server"
)

// The account page (/account): one's own password and API tokens. The
// admin page is in admin_users.go, sign-in with the identity provider in
// oidc.go.

// accountRoutes adds the account, admin and identity-provider pages; the
// route table in ui.go calls it once with the session group.
func (h *handlers) accountRoutes(g *gin.RouterGroup) {
	a := g.Group("/account", h.requireUser)
	a.GET("", h.account)
	a.POST("/password", h.checkCSRF, h.changePassword)
	a.POST("/tokens", h.checkCSRF, h.createToken)
	a.POST("/tokens/:id/revoke", h.checkCSRF, h.revokeToken)

	ad := g.Group("/admin/users", h.requireUser, h.requireAdmin)
	ad.GET("", h.adminUsers)
	ad.POST("/:id/disable", h.checkCSRF, h.adminSetDisabled(true))
	ad.POST("/:id/enable", h.checkCSRF, h.adminSetDisabled(false))
	ad.POST("/:id/password", h.checkCSRF, h.adminResetPassword)
	ad.POST("/:id/delete", h.checkCSRF, h.adminDeleteUser)
	ad.POST("/tokens/:id/revoke", h.checkCSRF, h.adminRevokeToken)

	h.oidcRoutes(g)
}

// accountKeys are the message keys these pages choose at run time.
func accountKeys() []string {
	return []string{"account.done.password", "account.done.revoked", "account.password.mismatch", "account.password.wrong",
		"account.password.invalid", "account.scope.read", "account.scope.write", "admin.done.disabled", "admin.done.enabled",
		"admin.done.deleted", "admin.done.revoked", "admin.reset.done", "admin.delete.confirm", "account.tokens.days", "account.must_change", "login.throttled", "login.oidc", "error.oidc"}
}

// tokenLifetimes are the choices of the token form, in days (0 = until
// revoked).
var tokenLifetimes = []int{30, 90, 365, 0}

type accountView struct {
	Account    auth.Account
	Tokens     []auth.Token
	Lifetimes  []int
	MustChange bool
	// Notice is a message key shown above the page (password changed…).
	Notice string
	// Error is a message key for the password form, with Detail.
	Error, Detail string
	// NewToken is shown once, right after it was made.
	NewToken string
	Now      time.Time
}

func (h *handlers) account(c *gin.Context) {
	h.showAccount(c, http.StatusOK, accountView{Notice: noticeKey(c.Query("done"))})
}

// noticeKey accepts only the notices this page knows (a query parameter
// must not choose an arbitrary message).
func noticeKey(s string) string {
	switch s {
	case "password", "revoked":
		return "account.done." + s
	}
	return ""
}

func (h *handlers) showAccount(c *gin.Context, status int, v accountView) {
	s, _ := session(c)
	ctx := c.Request.Context()
	acc, err := h.Auth.AccountByID(ctx, s.User.ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ts, err := h.Auth.Tokens(ctx, s.User.ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.Account, v.Tokens, v.Lifetimes, v.MustChange, v.Now = acc, ts, tokenLifetimes, s.MustChangePassword, h.Auth.Now()
	h.render(c, status, "account", h.base(c, "account.title", "account"), v)
}

func (h *handlers) changePassword(c *gin.Context) {
	s, _ := session(c)
	next, again := c.PostForm("new_password"), c.PostForm("new_password_again")
	if next != again {
		h.showAccount(c, http.StatusBadRequest, accountView{Error: "account.password.mismatch"})
		return
	}
	err := h.Auth.ChangePassword(c.Request.Context(), s.User.ID, c.PostForm("current_password"), next, c.GetString(keyCookie))
	switch {
	case errors.Is(err, auth.ErrWrongPassword):
		h.showAccount(c, http.StatusBadRequest, accountView{Error: "account.password.wrong"})
	case errors.Is(err, model.ErrInvalid):
		h.showAccount(c, http.StatusBadRequest, accountView{Error: "account.password.invalid", Detail: cleanMsg(err)})
	case err != nil:
		h.failErr(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/account?done=password")
	}
}

func (h *handlers) createToken(c *gin.Context) {
	s, _ := session(c)
	days, err := strconv.Atoi(c.DefaultPostForm("days", "90"))
	if err != nil || days < 0 {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "days")
		return
	}
	name := strings.TrimSpace(c.PostForm("name"))
	tok, _, err := h.Auth.CreateScopedToken(c.Request.Context(), s.User.ID,
		auth.TokenRequest{Name: name, Scope: c.PostForm("scope"), TTL: time.Duration(days) * 24 * time.Hour})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.showAccount(c, http.StatusCreated, accountView{NewToken: tok})
}

func (h *handlers) revokeToken(c *gin.Context) {
	id, ok := h.pathID(c, "id")
	if !ok {
		return
	}
	// Own tokens only, even for an admin: the admin page revokes others'.
	if _, err := h.Auth.RevokeOwnToken(c.Request.Context(), server.User(c).ID, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/account?done=revoked")
}

// mustChangePassword keeps a user who signed in with a one-time password
// on the account page until they have chosen their own: other pages
// redirect there (htmx: HX-Redirect), other forms answer 403.
func (h *handlers) mustChangePassword(c *gin.Context) {
	s, ok := session(c)
	if !ok || !s.MustChangePassword {
		c.Next()
		return
	}
	switch p := c.Request.URL.Path; {
	case p == "/account" || strings.HasPrefix(p, "/account/") || p == "/logout" || p == "/lang" || strings.HasPrefix(p, "/static/"):
		c.Next()
		return
	}
	if c.Request.Method != http.MethodGet {
		h.fail(c, http.StatusForbidden, "account.must_change")
		return
	}
	if c.GetHeader("HX-Request") == "true" {
		c.Header("HX-Redirect", "/account")
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Redirect(http.StatusSeeOther, "/account")
	c.Abort()
}

// requireAdmin lets only admins (by global role) through.
func (h *handlers) requireAdmin(c *gin.Context) {
	if server.User(c).Role != model.RoleAdmin {
		h.fail(c, http.StatusForbidden, "error.forbidden")
		return
	}
	c.Next()
}
