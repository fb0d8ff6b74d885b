package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

func (h *handlers) listMembers(c *gin.Context) {
	ms, err := h.Store.Members(c.Request.Context(), mustProject(c).ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, Page[model.Member]{Items: ms})
}

type memberIn struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

func (h *handlers) addMember(c *gin.Context) {
	var in memberIn
	if !bindJSON(c, &in) {
		return
	}
	role, err := model.ParseRole(in.Role)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx := c.Request.Context()
	u, _, err := h.Store.UserByEmail(ctx, in.Email)
	if errors.Is(err, model.ErrNotFound) {
		h.failErr(c, fmt.Errorf("%w: no user with e-mail %s", model.ErrInvalid, in.Email))
		return
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	p := mustProject(c)
	if err := h.Store.AddMember(ctx, p.ID, u.ID, role); err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(ctx, mustUser(c).ID, p.ID, "member.add", "user:"+u.Email, string(role))
	c.JSON(http.StatusCreated, model.Member{UserID: u.ID, Email: u.Email, Name: u.Name, Role: role})
}
