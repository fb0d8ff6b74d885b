package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
)

func (h *handlers) listMembers(c *gin.Context) {
	ms, err := h.App.Members(c.Request.Context(), mustScope(c))
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
	m, err := h.App.AddMember(c.Request.Context(), mustScope(c), app.NewMember{Email: in.Email, Role: in.Role})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}
