// Package api serves indsigt's JSON API under /api/v1 with gin: token
// authentication, per-project access checks and JSON errors.
package api

import (
	"log/slog"
	"net/http"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/search"
	"indsigt/server"
	"indsigt/store"
)

// MaxJSONBody bounds a JSON request body; uploads have app.MaxUploadBody.
const MaxJSONBody = 1 << 20

// Deps are the services the handlers call.
type Deps struct {
	App     *app.App
	Store   *store.Store
	Auth    *auth.Service
	Ingest  *ingest.Service
	Indexer *search.Indexer
	Log     *slog.Logger
}

// Register adds /api/v1 to the shell.
func Register(s *server.Shell, d Deps) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.App == nil {
		d.App = app.New(app.Deps{Store: d.Store, Auth: d.Auth, Ingest: d.Ingest, Indexer: d.Indexer, Log: d.Log})
	}
	h := &handlers{Deps: d}
	v1 := s.Engine.Group("/api/v1", h.authenticate)
	v1.GET("/projects", h.listProjects)
	v1.POST("/projects", h.createProject)
	p := v1.Group("/projects/:p", h.project)
	p.GET("", h.getProject)
	h.routes(p)
	s.AllowBody(http.MethodPost, "/api/v1/projects/:p/sources", app.MaxUploadBody)
}

type handlers struct {
	Deps
}
