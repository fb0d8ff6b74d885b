package server

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

// requestLog logs each request with an id (also sent as X-Request-Id, so
// a user's report can be found in the log) and without its query string
// or body: both can carry search terms or note text, which are personal data.
func requestLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		id := requestID()
		c.Header("X-Request-Id", id)
		c.Next()
		attrs := []any{"request_id", id, "method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
			"ms", time.Since(start).Milliseconds(), "bytes", c.Writer.Size()}
		if u, ok := c.Get(ctxUser); ok {
			attrs = append(attrs, "user", u.(model.User).ID)
		}
		log.Info("request", attrs...)
	}
}

func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "path", c.Request.URL.Path, "panic", fmt.Sprint(r))
				Fail(c, http.StatusInternalServerError, "internal", "", "internal error")
				c.Abort()
			}
		}()
		c.Next()
	}
}

func securityHeaders(hsts bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		c.Next()
	}
}

func requestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
