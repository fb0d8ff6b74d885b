package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

func (h *handlers) listMembers(c *gin.Context) {
	ms, err := h.App.Members(c.Request.Context(), server.MustScope(c))
	h.reply(c, http.StatusOK, Page[model.Member]{Items: ms}, err)
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
	m, err := h.App.AddMember(c.Request.Context(), server.MustScope(c), app.NewMember{Email: in.Email, Role: in.Role})
	h.reply(c, http.StatusCreated, m, err)
}

func (h *handlers) removeMember(c *gin.Context) { h.removeByID(c, "user_id", h.App.RemoveMember) }

type roleIn struct {
	Role string `json:"role"`
}

func (h *handlers) setMemberRole(c *gin.Context) {
	var in roleIn
	id, ok := bindID(c, "user_id", &in)
	if !ok {
		return
	}
	m, err := h.App.SetMemberRole(c.Request.Context(), server.MustScope(c), id, in.Role)
	h.reply(c, http.StatusOK, m, err)
}
