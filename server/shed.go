package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// A bound is a class of expensive routes (searches, uploads) admitted
// through one gate (gate.go): under overload the excess is answered 503
// with Retry-After within the class's OverloadWait instead of queueing
// without bound, and the requests admitted keep their latency.
type bound struct {
	class string
	gate  *gate
}

// Bound admits the routes ("METHOD /gin/path") of a class through one gate
// with the given limits. Register before serving.
func (s *Shell) Bound(class string, l Limits, routes ...string) {
	b := &bound{class: class, gate: newGate(l)}
	s.metrics.watchGate(class, b.gate)
	for _, r := range routes {
		s.bounds[r] = b
	}
}

func (s *Shell) shed(c *gin.Context) {
	b, ok := s.bounds[c.Request.Method+" "+c.FullPath()]
	if !ok {
		c.Next()
		return
	}
	start := time.Now()
	admitted, err := b.gate.acquire(c.Request.Context())
	if err != nil { // the client left while it waited
		c.Abort()
		return
	}
	if !admitted {
		s.metrics.shed.WithLabelValues(b.class).Inc()
		s.metrics.refusedAfter.WithLabelValues(b.class).Observe(time.Since(start).Seconds())
		c.Header("Retry-After", strconv.Itoa(1))
		Fail(c, http.StatusServiceUnavailable, "busy", "", "the server is busy; try again in a moment")
		return
	}
	s.metrics.queued.WithLabelValues(b.class).Observe(time.Since(start).Seconds())
	began := time.Now()
	defer func() { b.gate.release(time.Since(began)) }()
	c.Next()
}

// gates are the classes' gates, each once.
func (s *Shell) gates() map[string]*gate {
	out := map[string]*gate{}
	for _, b := range s.bounds {
		out[b.class] = b.gate
	}
	return out
}
