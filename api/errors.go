package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/server"
)

func fail(c *gin.Context, status int, code, msg string) { server.Fail(c, status, code, "", msg) }

// failErr answers with the status that fits a use-case error; a field
// error names its field. Internal errors are logged in full but shown
// only as "internal error".
func (h *handlers) failErr(c *gin.Context, err error) {
	status, code := server.Classify(err)
	if status == http.StatusInternalServerError {
		h.Log.Error("request failed", "path", c.Request.URL.Path, "err", err)
		fail(c, status, code, "internal error")
		return
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	field := ""
	if fe, ok := model.AsFieldError(err); ok {
		field = fe.Field
	}
	server.Fail(c, status, code, field, server.Message(err))
}
