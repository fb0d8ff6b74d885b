package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
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

// reply answers a use case's result: v as JSON with the status, without a
// body when v is nil, or the error as failErr answers it.
func (h *handlers) reply(c *gin.Context, status int, v any, err error) {
	switch {
	case err != nil:
		h.failErr(c, err)
	case v == nil:
		c.Status(status)
	default:
		c.JSON(status, v)
	}
}

// replyByID answers what use gives for the id in the path, in the
// request's project.
func replyByID[T any](h *handlers, c *gin.Context, status int, use func(context.Context, app.Scope, int64) (T, error)) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	v, err := use(c.Request.Context(), server.MustScope(c), id)
	h.reply(c, status, v, err)
}

// removeByID calls use with the id in the path parameter name, in the
// request's project, and answers 204 or the error.
func (h *handlers) removeByID(c *gin.Context, name string, use func(context.Context, app.Scope, int64) error) {
	id, ok := idParam(c, name)
	if !ok {
		return
	}
	h.reply(c, http.StatusNoContent, nil, use(c.Request.Context(), server.MustScope(c), id))
}
