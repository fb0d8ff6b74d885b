package api

import (
	"github.com/gin-gonic/gin"

	"indsigt/model"
)

// routes registers the per-project routes; the project middleware has
// already checked membership for every one of them.
func (h *handlers) routes(p *gin.RouterGroup) {
	p.GET("/members", h.listMembers)
	p.POST("/members", require(model.PermManage), h.addMember)
}
