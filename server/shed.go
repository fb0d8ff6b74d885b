package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// A bound is a class of expensive routes (searches, uploads) that may run
// at most max at a time. A request waits at most wait for a slot, then is
// refused with 503 and Retry-After, so that under overload the server
// answers quickly instead of queueing without bound, and the indexer keeps
// its share of the cores.
type bound struct {
	class string
	slots chan struct{}
	wait  time.Duration
}

// Bound limits the routes ("METHOD /gin/path") of a class to max requests
// at a time, each waiting at most wait for its turn. Register before serving.
func (s *Shell) Bound(class string, max int, wait time.Duration, routes ...string) {
	b := &bound{class: class, slots: make(chan struct{}, max), wait: wait}
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
	t := time.NewTimer(b.wait)
	defer t.Stop()
	select {
	case b.slots <- struct{}{}:
	case <-t.C:
		s.metrics.shed.WithLabelValues(b.class).Inc()
		c.Header("Retry-After", strconv.Itoa(1))
		Fail(c, http.StatusServiceUnavailable, "busy", "", "the server is busy; try again in a moment")
		return
	case <-c.Request.Context().Done():
		c.Abort()
		return
	}
	defer func() { <-b.slots }()
	c.Next()
}
