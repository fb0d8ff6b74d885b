package server

import (
	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
)

// Both adapters act inside the project their path names: a middleware
// enters it once for the caller (app.Enter decides who may see it) and
// leaves the scope for the handlers and for the permission checks.

const ctxScope = "indsigt.scope"

// EnterProject returns the middleware that enters the project named by
// the path parameter param for the caller SetUser recorded. On an error (a
// project the caller may not see is not found) fail answers and must
// abort the request.
func EnterProject(a *app.App, param string, fail func(*gin.Context, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		sc, err := a.Enter(c.Request.Context(), Actor(c), c.Param(param))
		if err != nil {
			fail(c, err)
			return
		}
		c.Set(ctxScope, sc)
		c.Next()
	}
}

// PathID reads the id in the path parameter name, as model.ParseID does,
// so that both adapters refuse the same malformed ids; each answers the
// error its own way (a malformed id is reported like an unknown one).
func PathID(c *gin.Context, name string) (int64, error) {
	return model.ParseID(name, c.Param(name))
}

// Require returns the middleware that stops a request whose role in the
// entered project lacks perm; deny answers and must abort the request.
func Require(perm model.Permission, deny gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !MustScope(c).Access.Can(perm) {
			deny(c)
			return
		}
		c.Next()
	}
}

// MustScope is the caller inside the request's project; only handlers
// behind EnterProject may ask.
func MustScope(c *gin.Context) app.Scope { return c.MustGet(ctxScope).(app.Scope) }

// ScopeOf is the caller inside the request's project, when one was entered.
func ScopeOf(c *gin.Context) (app.Scope, bool) {
	v, ok := c.Get(ctxScope)
	if !ok {
		return app.Scope{}, false
	}
	sc, ok := v.(app.Scope)
	return sc, ok
}
