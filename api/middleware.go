package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

// requestLog logs each request without its query string or body: both can
// carry search terms or note text, which are personal data.
func requestLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		attrs := []any{"method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
			"ms", time.Since(start).Milliseconds(), "bytes", c.Writer.Size()}
		if u, ok := userFrom(c); ok {
			attrs = append(attrs, "user", u.ID)
		}
		log.Info("request", attrs...)
	}
}

func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "path", c.Request.URL.Path, "panic", fmt.Sprint(r))
				fail(c, http.StatusInternalServerError, "internal", "internal error")
				c.Abort()
			}
		}()
		c.Next()
	}
}

func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		c.Next()
	}
}

// ErrorBody is the shape of every error answer.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func fail(c *gin.Context, status int, code, msg string) {
	var b ErrorBody
	b.Error.Code, b.Error.Message = code, msg
	c.AbortWithStatusJSON(status, b)
}

// failErr answers with the status that fits a service error. Internal
// errors are logged in full but shown only as "internal error".
func (h *handlers) failErr(c *gin.Context, err error) {
	switch {
	case errors.Is(err, model.ErrInvalid):
		fail(c, http.StatusBadRequest, "invalid", cleanMsg(err))
	case errors.Is(err, model.ErrNotFound):
		fail(c, http.StatusNotFound, "not_found", cleanMsg(err))
	case errors.Is(err, model.ErrConflict):
		fail(c, http.StatusConflict, "conflict", cleanMsg(err))
	case errors.Is(err, model.ErrForbidden):
		fail(c, http.StatusForbidden, "forbidden", cleanMsg(err))
	default:
		h.Log.Error("request failed", "path", c.Request.URL.Path, "err", err)
		fail(c, http.StatusInternalServerError, "internal", "internal error")
	}
}

// cleanMsg drops the layer prefixes ("store: …") that help logs but not users.
func cleanMsg(err error) string {
	msg := err.Error()
	for _, p := range []string{"store: ", "api: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}
