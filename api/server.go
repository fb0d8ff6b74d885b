// Package api serves indsigt's JSON API under /api/v1 with gin: token
// authentication, per-project access checks and JSON errors.
package api

import (
	"log/slog"
	"net/http"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/server"
)

// MaxJSONBody bounds a JSON request body; uploads have app.MaxUploadBody.
const MaxJSONBody = 1 << 20

// Deps are what the handlers call: the use cases, and auth for tokens.
type Deps struct {
	App  *app.App
	Auth *auth.Service
	Log  *slog.Logger
}

// Register adds /api/v1 to the shell.
func Register(s *server.Shell, d Deps) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	h := &handlers{Deps: d}
	v1 := s.Engine.Group("/api/v1", h.authenticate)
	v1.GET("/projects", h.listProjects)
	v1.POST("/projects", h.createProject)
	h.globalRoutes(v1)
	// A project the caller may not see answers 404, never 403.
	p := v1.Group("/projects/:p", server.EnterProject(h.App, "p", h.failErr))
	p.GET("", h.getProject)
	h.routes(p)
	s.AllowBody(http.MethodPost, "/api/v1/projects/:p/sources", app.MaxUploadBody)
	s.AllowBody(http.MethodPost, "/api/v1/projects/:p/imports/qdpx", app.MaxQDPXBytes)
}

type handlers struct {
	Deps
}
