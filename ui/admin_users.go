package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
	"indsigt/server"
)

// The admin page for users and tokens (/admin/users): list, disable,
// enable, reset a password (shown once as a one-time password), delete a
// user; list and revoke anyone's API tokens. Admins only (requireAdmin in
// accountRoutes); auth checks the role again.

type adminUsersView struct {
	Accounts []auth.Account
	Tokens   []auth.Token
	// Reset is the account whose one-time password is shown, once.
	Reset    *auth.Account
	Password string
	Notice   string
	SelfID   int64
	// Confirm is the account a delete waits to be confirmed for.
	Confirm *auth.Account
}

func (h *handlers) adminUsers(c *gin.Context) {
	notice := ""
	switch c.Query("done") {
	case "disabled", "enabled", "deleted", "revoked":
		notice = "admin.done." + c.Query("done")
	}
	h.showAdminUsers(c, http.StatusOK, adminUsersView{Notice: notice})
}

func (h *handlers) showAdminUsers(c *gin.Context, status int, v adminUsersView) {
	ctx := c.Request.Context()
	u := server.User(c)
	accs, err := h.Auth.Accounts(ctx, u)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ts, err := h.Auth.Tokens(ctx, 0)
	if err != nil {
		h.failErr(c, err)
		return
	}
	v.Accounts, v.Tokens, v.SelfID = accs, ts, u.ID
	h.render(c, status, "admin_users", h.base(c, "admin.title", "admin"), v)
}

func (h *handlers) adminSetDisabled(disabled bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := idParam(c, "id")
		if !ok {
			h.fail(c, http.StatusNotFound, "error.notfound")
			return
		}
		if err := h.Auth.SetDisabled(c.Request.Context(), server.User(c), id, disabled); err != nil {
			h.failErr(c, err)
			return
		}
		done := "enabled"
		if disabled {
			done = "disabled"
		}
		c.Redirect(http.StatusSeeOther, "/admin/users?done="+done)
	}
}

func (h *handlers) adminResetPassword(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	ctx := c.Request.Context()
	pw, err := h.Auth.ResetPassword(ctx, server.User(c), id, "")
	if err != nil {
		h.failErr(c, err)
		return
	}
	acc, err := h.Auth.AccountByID(ctx, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	// Shown in this answer only (no-store); never in a URL or the log.
	h.showAdminUsers(c, http.StatusOK, adminUsersView{Reset: &acc, Password: pw})
}

func (h *handlers) adminDeleteUser(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if c.PostForm("confirm") != "yes" {
		acc, err := h.Auth.AccountByID(c.Request.Context(), id)
		if err != nil {
			h.failErr(c, err)
			return
		}
		h.showAdminUsers(c, http.StatusOK, adminUsersView{Confirm: &acc})
		return
	}
	if err := h.Auth.DeleteUser(c.Request.Context(), server.User(c), id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/users?done=deleted")
}

func (h *handlers) adminRevokeToken(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if _, err := h.Auth.RevokeToken(c.Request.Context(), server.User(c), id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/users?done=revoked")
}
