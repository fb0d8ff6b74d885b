package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the shell's own Prometheus series; other packages add theirs
// to Registry. Labels are route patterns, never paths with ids or queries.
type metrics struct {
	Registry *prometheus.Registry
	latency  *prometheus.HistogramVec
	inflight prometheus.Gauge
	shed     *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		Registry: prometheus.NewRegistry(),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "indsigt_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status class.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "indsigt_http_requests_in_flight",
			Help: "Requests being answered now.",
		}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "indsigt_http_shed_total",
			Help: "Requests refused with 503 because their class was full.",
		}, []string{"class"}),
	}
	m.Registry.MustRegister(m.latency, m.inflight, m.shed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(c *gin.Context) {
	start := time.Now()
	m.inflight.Inc()
	defer m.inflight.Dec()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	m.latency.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status()/100)+"xx").Observe(time.Since(start).Seconds())
}

// Registry is where other packages register their series (ingest counts,
// indexer lag, shard sizes); /metrics serves them all.
func (s *Shell) Registry() *prometheus.Registry { return s.metrics.Registry }

func (s *Shell) serveMetrics(c *gin.Context) {
	if s.deps.MetricsToken != "" && c.GetHeader("Authorization") != "Bearer "+s.deps.MetricsToken {
		Fail(c, http.StatusUnauthorized, "unauthenticated", "", "a metrics token is required")
		return
	}
	promhttp.HandlerFor(s.metrics.Registry, promhttp.HandlerOpts{}).ServeHTTP(c.Writer, c.Request)
}
