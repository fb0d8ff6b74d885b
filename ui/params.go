package ui

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/server"
)

// idParam reads a positive id from the path parameter name.
func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := server.PathID(c, name)
	return id, err == nil
}

// pathID is idParam for a handler: a malformed id shows the same 404 page
// as an id that does not exist.
func (h *handlers) pathID(c *gin.Context, name string) (int64, bool) {
	id, ok := idParam(c, name)
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
	}
	return id, ok
}

// byID calls use for the object whose id is in the path parameter name, in
// the request's project; on a malformed id or an error it has shown the
// error page and reports false.
func byID[T any](h *handlers, c *gin.Context, name string, use func(context.Context, app.Scope, int64) (T, error)) (T, bool) {
	var v T
	id, ok := h.pathID(c, name)
	if !ok {
		return v, false
	}
	v, err := use(c.Request.Context(), server.MustScope(c), id)
	if err != nil {
		h.failErr(c, err)
		return v, false
	}
	return v, true
}

// doByID is byID for a use case that answers only an error.
func (h *handlers) doByID(c *gin.Context, name string, use func(context.Context, app.Scope, int64) error) bool {
	_, ok := byID(h, c, name, func(ctx context.Context, sc app.Scope, id int64) (struct{}, error) {
		return struct{}{}, use(ctx, sc, id)
	})
	return ok
}
