// Package api serves indsigt's JSON API under /api/v1 with gin: token
// authentication, per-project access checks and JSON errors.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/search"
	"indsigt/store"
)

// Limits on request bodies: JSON is small; uploads carry whole files.
const (
	MaxJSONBody   = 1 << 20
	MaxUploadBody = 256 << 20
)

// Deps are the services the handlers call.
type Deps struct {
	Store   *store.Store
	Auth    *auth.Service
	Ingest  *ingest.Service
	Indexer *search.Indexer
	Log     *slog.Logger
	// Healthy and Ready report the search index's state; nil means fine.
	Healthy func(context.Context) error
	Ready   func(context.Context) error
}

// NewRouter builds the gin engine with the middleware every route shares,
// the health endpoints and /api/v1. The UI registers its pages on it too.
func NewRouter(d Deps) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// No proxy is trusted unless configured, so X-Forwarded-For cannot be spoofed.
	_ = r.SetTrustedProxies(nil)
	r.HandleMethodNotAllowed = true
	r.Use(recovery(d.Log), requestLog(d.Log), securityHeaders())
	r.NoRoute(func(c *gin.Context) { fail(c, http.StatusNotFound, "not_found", "no such route") })
	r.NoMethod(func(c *gin.Context) { fail(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed") })
	r.GET("/healthz", d.healthz)
	r.GET("/readyz", d.readyz)
	h := &handlers{Deps: d}
	v1 := r.Group("/api/v1", h.authenticate)
	v1.GET("/projects", h.listProjects)
	v1.POST("/projects", h.createProject)
	p := v1.Group("/projects/:p", h.project)
	p.GET("", h.getProject)
	h.routes(p)
	return r
}

type handlers struct {
	Deps
}

func (d Deps) healthz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	if err := d.Store.Ping(ctx); err != nil {
		fail(c, http.StatusServiceUnavailable, "store_unavailable", "the database does not answer")
		return
	}
	if d.Healthy != nil {
		if err := d.Healthy(ctx); err != nil {
			fail(c, http.StatusServiceUnavailable, "index_unavailable", err.Error())
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (d Deps) readyz(c *gin.Context) {
	if d.Ready != nil {
		if err := d.Ready(c.Request.Context()); err != nil {
			fail(c, http.StatusServiceUnavailable, "not_ready", err.Error())
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
