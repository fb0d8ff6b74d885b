package ui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/server"
)

// addMember gives a user a role in the project; only owners and admins
// may. An unknown e-mail shows the overview again with the message next
// to the field and what was typed kept.
func (h *handlers) addMember(c *gin.Context) {
	_, err := h.App.AddMember(c.Request.Context(), server.MustScope(c), app.NewMember{Email: c.PostForm("email"), Role: c.PostForm("role")})
	if err != nil {
		h.invalid(c, "member", err, h.overview)
		return
	}
	h.membersBack(c)
}

// removeMember ends a membership after the confirmation in the member
// list; the last owner cannot be removed (the page says why).
func (h *handlers) removeMember(c *gin.Context) {
	if h.doByID(c, "user_id", h.App.RemoveMember) {
		h.membersBack(c)
	}
}

// setMemberRole changes a member's role from the member list.
func (h *handlers) setMemberRole(c *gin.Context) {
	id, ok := h.pathID(c, "user_id")
	if !ok {
		return
	}
	if _, err := h.App.SetMemberRole(c.Request.Context(), server.MustScope(c), id, c.PostForm("role")); err != nil {
		h.invalid(c, "member", err, h.overview)
		return
	}
	h.membersBack(c)
}

func (h *handlers) membersBack(c *gin.Context) {
	c.Redirect(http.StatusSeeOther, "/p/"+mustProject(c).Slug+"#members-h")
}
