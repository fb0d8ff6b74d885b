package ui

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

// addMember gives a user a role in the project; only owners and admins may.
func (h *handlers) addMember(c *gin.Context) {
	role, err := model.ParseRole(c.PostForm("role"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	u, _, err := h.Store.UserByEmail(ctx, c.PostForm("email"))
	if errors.Is(err, model.ErrNotFound) {
		h.failErr(c, fmt.Errorf("%w: no user with that e-mail address", model.ErrInvalid))
		return
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	if err := h.Store.AddMember(ctx, p.ID, u.ID, role); err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(ctx, mustUser(c).ID, p.ID, "member.add", "user:"+u.Email, string(role))
	c.Redirect(http.StatusSeeOther, "/p/"+p.Slug+"#members-h")
}
