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
	p.DELETE("/members/:user_id", require(model.PermManage), h.removeMember)
	p.PATCH("/members/:user_id", require(model.PermManage), h.setMemberRole)
	p.POST("/sources", require(model.PermWrite), h.uploadSources)
	p.GET("/sources", h.listSources)
	p.GET("/sources/:id", h.getSource)
	p.GET("/notes/:id", h.getNote)
	p.GET("/notes/:id/similar", h.similar)
	p.POST("/notes/:id/tags", require(model.PermWrite), h.tagNotes)
	p.DELETE("/notes/:id/tags/:tag", require(model.PermWrite), h.untagNote)
	p.POST("/tags", require(model.PermWrite), h.tagNotes)
	p.GET("/search", h.search)
	p.GET("/saved-searches", h.savedSearches)
	p.POST("/saved-searches", h.saveSearch)
	p.DELETE("/saved-searches/:id", h.deleteSavedSearch)
	p.GET("/codebook", h.codebook)
	p.GET("/codebook/counts", h.tagCounts)
	p.POST("/codebook", require(model.PermWrite), h.createTag)
	p.PATCH("/codebook/:tag", require(model.PermWrite), h.updateTag)
	p.GET("/suggestions", h.suggestions)
	p.GET("/insights", h.listInsights)
	p.POST("/insights", require(model.PermWrite), h.createInsight)
	p.GET("/insights/:id", h.getInsight)
	p.PATCH("/insights/:id", require(model.PermWrite), h.updateInsight)
	p.POST("/insights/:id/evidence", require(model.PermWrite), h.addEvidence)
	p.DELETE("/insights/:id/evidence/:note", require(model.PermWrite), h.removeEvidence)
	p.POST("/insights/:id/phase", require(model.PermMovePhase), h.movePhase)
	p.POST("/insights/:id/tests", require(model.PermWrite), h.createTest)
	p.PATCH("/tests/:id", require(model.PermWrite), h.updateTest)
	p.POST("/insights/:id/indicators", require(model.PermIndicators), h.createIndicator)
	p.GET("/indicators/:id", h.getIndicator)
	p.POST("/indicators/:id/measurements", require(model.PermIndicators), h.addMeasurement)
	p.GET("/progress", h.progress)
	p.GET("/reports/:name", require(model.PermExport), h.export)
	p.GET("/audit", require(model.PermManage), h.auditLog)
	p.DELETE("/sources/:id", require(model.PermManage), h.eraseSource)
	p.DELETE("/notes/:id", require(model.PermManage), h.eraseNote)
	p.DELETE("/participants/:code", require(model.PermManage), h.eraseParticipant)
	p.GET("/participants/:code/:report", require(model.PermManage), h.subjectReport)
}
