// Package server is the HTTP shell that the API and the web app register
// on: the gin engine, the middleware every request shares (recovery,
// request log, security headers, body limits), /healthz, /readyz and the
// 404 dispatch (JSON under /api/, a page for browsers elsewhere).
package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// DefaultBodyLimit bounds every request body unless a route asks for more
// (uploads): forms and JSON are small.
const DefaultBodyLimit = 1 << 20

// Deps are the checks behind the health endpoints.
type Deps struct {
	Log *slog.Logger
	// Ping checks the store; Healthy and Ready check the search index
	// (nil means fine).
	Ping    func(context.Context) error
	Healthy func(context.Context) error
	Ready   func(context.Context) error
	// HSTS sends Strict-Transport-Security (behind https).
	HSTS bool
	// MetricsToken, when set, is the bearer token /metrics requires.
	MetricsToken string
}

// Shell owns the gin engine.
type Shell struct {
	Engine  *gin.Engine
	deps    Deps
	limits  map[string]int64  // "METHOD /full/path" → body limit
	bounds  map[string]*bound // "METHOD /full/path" → its concurrency class
	page    gin.HandlerFunc   // the web app's HTML 404, for browsers
	metrics *metrics
}

// New builds the engine with the shared middleware and the health routes.
func New(d Deps) *Shell {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// No proxy is trusted unless configured, so X-Forwarded-For cannot be spoofed.
	_ = r.SetTrustedProxies(nil)
	r.HandleMethodNotAllowed = true
	s := &Shell{Engine: r, deps: d, limits: map[string]int64{}, bounds: map[string]*bound{}, metrics: newMetrics()}
	r.Use(recovery(d.Log), requestLog(d.Log), s.metrics.observe, securityHeaders(d.HSTS), s.bodyLimit, s.shed)
	r.NoRoute(s.notFound)
	r.NoMethod(func(c *gin.Context) {
		Fail(c, http.StatusMethodNotAllowed, "method_not_allowed", "", "method not allowed")
	})
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/metrics", s.serveMetrics)
	return s
}

// Handler is the engine as an http.Handler.
func (s *Shell) Handler() http.Handler { return s.Engine }

// AllowBody raises the body limit of one route (method and gin path, as
// registered) above DefaultBodyLimit. Register it before serving.
func (s *Shell) AllowBody(method, fullPath string, limit int64) {
	s.limits[method+" "+fullPath] = limit
}

// NotFoundPage sets the page that browsers get for unknown addresses
// outside /api/; API clients and non-HTML clients get the JSON error.
func (s *Shell) NotFoundPage(h gin.HandlerFunc) { s.page = h }

// bodyLimit applies the route's limit before any handler, form parser,
// authentication or CSRF check reads the body.
func (s *Shell) bodyLimit(c *gin.Context) {
	if c.Request.Body != nil && c.Request.Body != http.NoBody {
		limit, ok := s.limits[c.Request.Method+" "+c.FullPath()]
		if !ok {
			limit = DefaultBodyLimit
		}
		if c.Request.ContentLength > limit {
			Fail(c, http.StatusRequestEntityTooLarge, "too_large", "", "request body too large")
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	}
	c.Next()
}

func (s *Shell) notFound(c *gin.Context) {
	if s.page != nil && !strings.HasPrefix(c.Request.URL.Path, "/api/") && strings.Contains(c.GetHeader("Accept"), "text/html") {
		s.page(c)
		return
	}
	Fail(c, http.StatusNotFound, "not_found", "", "no such route")
}

func (s *Shell) healthz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	if s.deps.Ping != nil {
		if err := s.deps.Ping(ctx); err != nil {
			Fail(c, http.StatusServiceUnavailable, "store_unavailable", "", "the database does not answer")
			return
		}
	}
	if s.deps.Healthy != nil {
		if err := s.deps.Healthy(ctx); err != nil {
			Fail(c, http.StatusServiceUnavailable, "index_unavailable", "", err.Error())
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *Shell) readyz(c *gin.Context) {
	if s.deps.Ready != nil {
		if err := s.deps.Ready(c.Request.Context()); err != nil {
			Fail(c, http.StatusServiceUnavailable, "not_ready", "", err.Error())
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
