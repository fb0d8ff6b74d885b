package ui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
)

// addMember gives a user a role in the project; only owners and admins
// may. An unknown e-mail shows the overview again with the message next
// to the field and what was typed kept.
func (h *handlers) addMember(c *gin.Context) {
	sc := mustScope(c)
	_, err := h.App.AddMember(c.Request.Context(), sc, app.NewMember{Email: c.PostForm("email"), Role: c.PostForm("role")})
	if err != nil {
		h.invalid(c, "member", err, h.overview)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"#members-h")
}

// removeMember ends a membership after the confirmation in the member
// list; the last owner cannot be removed (the page says why).
func (h *handlers) removeMember(c *gin.Context) {
	sc := mustScope(c)
	id, err := strconv.ParseInt(c.Param("user_id"), 10, 64)
	if err != nil {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if err := h.App.RemoveMember(c.Request.Context(), sc, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"#members-h")
}

// setMemberRole changes a member's role from the member list.
func (h *handlers) setMemberRole(c *gin.Context) {
	sc := mustScope(c)
	id, err := strconv.ParseInt(c.Param("user_id"), 10, 64)
	if err != nil {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if _, err := h.App.SetMemberRole(c.Request.Context(), sc, id, c.PostForm("role")); err != nil {
		h.invalid(c, "member", err, h.overview)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"#members-h")
}
