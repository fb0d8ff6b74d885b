package ui

import (
	"net/http"

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
