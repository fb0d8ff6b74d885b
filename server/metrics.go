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
	// refusedAfter is how long a refused request waited for its 503;
	// queued how long an admitted one waited for its slot.
	refusedAfter *prometheus.HistogramVec
	queued       *prometheus.HistogramVec
	indexLag     prometheus.Gauge
	rebuilding   prometheus.Gauge
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
	waits := []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1}
	m.refusedAfter = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "indsigt_http_shed_wait_seconds",
		Help:    "Time from a request's arrival to its 503 when its class was full, by class.",
		Buckets: waits,
	}, []string{"class"})
	m.queued = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "indsigt_http_queue_wait_seconds",
		Help:    "Time an admitted request waited for a slot of its class, by class.",
		Buckets: waits,
	}, []string{"class"})
	m.indexLag = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "indsigt_search_index_lag_seconds",
		Help: "How long the latest change committed to the store has waited for the search index (0: caught up).",
	})
	m.rebuilding = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "indsigt_search_index_rebuilding",
		Help: "1 while the search index (or one project's shard) is being rebuilt: its lag does not lower the class limits then.",
	})
	m.Registry.MustRegister(m.latency, m.inflight, m.shed, m.refusedAfter, m.queued, m.indexLag, m.rebuilding,
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

// watchGate exports a class's running limit, requests running and queued.
func (m *metrics) watchGate(class string, g *gate) {
	for _, v := range []struct {
		name, help string
		pick       func(limit, running, queued int) int
	}{
		{"indsigt_http_class_limit", "Requests of the class allowed to run at once now (lowered while the index lags).", func(l, _, _ int) int { return l }},
		{"indsigt_http_class_running", "Requests of the class running now.", func(_, r, _ int) int { return r }},
		{"indsigt_http_class_queued", "Requests of the class waiting for a slot now.", func(_, _, q int) int { return q }},
	} {
		m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: v.name, Help: v.help, ConstLabels: prometheus.Labels{"class": class},
		}, func() float64 { return float64(v.pick(g.state())) }))
	}
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "indsigt_http_class_lag_cap", Help: "The cap the index lag controller puts on the class's running limit now (its maximum while the index keeps up).",
		ConstLabels: prometheus.Labels{"class": class},
	}, func() float64 { return float64(g.lagCapNow()) }))
}
