package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/server"
)

func (h *handlers) export(c *gin.Context) {
	opt, err := app.ExportOptions(c.Query("lang"), c.Query("phase"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	e, err := h.App.Export(c.Request.Context(), server.MustScope(c), c.Param("name"), opt)
	if err != nil {
		h.failErr(c, err)
		return
	}
	server.Download(c, e)
}

func (h *handlers) auditLog(c *gin.Context) {
	es, err := h.App.AuditLog(c.Request.Context(), server.MustScope(c))
	h.reply(c, http.StatusOK, Page[app.AuditEntry]{Items: es}, err)
}
