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
	p.POST("/sources", require(model.PermWrite), h.uploadSources)
	p.GET("/sources", h.listSources)
	p.GET("/sources/:id", h.getSource)
	p.GET("/notes/:id", h.getNote)
	p.GET("/notes/:id/similar", h.similar)
	p.POST("/notes/:id/tags", require(model.PermWrite), h.tagNotes)
	p.DELETE("/notes/:id/tags/:tag", require(model.PermWrite), h.untagNote)
	p.POST("/tags", require(model.PermWrite), h.tagNotes)
	p.GET("/search", h.search)
	p.GET("/codebook", h.codebook)
	p.POST("/codebook", require(model.PermWrite), h.createTag)
	p.PATCH("/codebook/:tag", require(model.PermWrite), h.updateTag)
}
