package server

import (
	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
)

// Each adapter authenticates its own way (a bearer token, a session
// cookie) and records the caller here, for its handlers and the request log.

const ctxUser = "indsigt.user"

// SetUser records the authenticated caller of the request.
func SetUser(c *gin.Context, u model.User) { c.Set(ctxUser, u) }

// User is the caller SetUser recorded; the zero User before sign-in.
func User(c *gin.Context) model.User {
	v, _ := c.Get(ctxUser)
	u, _ := v.(model.User)
	return u
}

// Actor is the caller, for use cases outside a project.
func Actor(c *gin.Context) app.Actor { return app.UserActor(User(c)) }
