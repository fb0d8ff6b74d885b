package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// Connection hardening (finding 9: a body sent at one byte every two
// seconds held a connection for minutes, and one client could open as many
// connections as it liked):
//
//   - perIPListener caps the connections one client address holds at once;
//     a connection over the cap is closed at accept, before any byte is
//     read. Municipal offices sit behind one NAT address, so the default
//     is generous (INDSIGT_MAX_CONNS_PER_IP, default 256; 0 turns it off,
//     as behind a reverse proxy, where every connection comes from the
//     proxy and the proxy should do the limiting).
//   - slowBodies makes a request body keep a minimum average rate after a
//     grace period (INDSIGT_MIN_BODY_RATE bytes/s, default 1024, after 10
//     s of waiting for the client), and a read that gets no byte for the
//     grace period fails. The
//     handler's read of a slow body fails within seconds (its answer is a
//     4xx) and the connection is closed, instead of being held until the
//     5-minute read timeout. Slow headers are http.Server's
//     ReadHeaderTimeout.

// netLimits are the listener's and the body reader's limits.
type netLimits struct {
	MaxConnsPerIP int
	MinBodyRate   int64         // bytes per second, averaged since the body began
	BodyGrace     time.Duration // before the rate counts, and the longest wait for one byte
}

func defaultNetLimits() netLimits {
	return netLimits{MaxConnsPerIP: 256, MinBodyRate: 1024, BodyGrace: 10 * time.Second}
}

// netLimitsFromEnv reads INDSIGT_MAX_CONNS_PER_IP and INDSIGT_MIN_BODY_RATE;
// a malformed value is a usage error.
func netLimitsFromEnv() (netLimits, error) {
	l := defaultNetLimits()
	for _, v := range []struct {
		env string
		set func(int64)
	}{
		{"INDSIGT_MAX_CONNS_PER_IP", func(n int64) { l.MaxConnsPerIP = int(n) }},
		{"INDSIGT_MIN_BODY_RATE", func(n int64) { l.MinBodyRate = n }},
	} {
		s := os.Getenv(v.env)
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 1<<30 || (n == 0 && v.env == "INDSIGT_MIN_BODY_RATE") {
			return l, fmt.Errorf("%w: %s=%q must be a positive whole number (INDSIGT_MAX_CONNS_PER_IP may be 0: no cap)", errUsage, v.env, s)
		}
		v.set(n)
	}
	return l, nil
}

// perIPListener caps concurrent connections per client address.
type perIPListener struct {
	net.Listener
	max   int
	mu    sync.Mutex
	conns map[string]int
}

func limitPerIP(ln net.Listener, max int) net.Listener {
	if max <= 0 {
		return ln
	}
	return newPerIPListener(ln, max)
}

func newPerIPListener(ln net.Listener, max int) *perIPListener {
	return &perIPListener{Listener: ln, max: max, conns: map[string]int{}}
}

// Accept returns the next connection whose address is under its cap and
// closes the others at once.
func (l *perIPListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := c.RemoteAddr().String()
		if h, _, err := net.SplitHostPort(ip); err == nil {
			ip = h
		}
		l.mu.Lock()
		over := l.conns[ip] >= l.max
		if !over {
			l.conns[ip]++
		}
		l.mu.Unlock()
		if over {
			_ = c.Close()
			continue
		}
		return &countedConn{Conn: c, release: func() { l.release(ip) }}, nil
	}
}

func (l *perIPListener) release(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conns[ip]--; l.conns[ip] <= 0 {
		delete(l.conns, ip) // the map holds only addresses with open connections
	}
}

// open is how many connections an address holds (tests).
func (l *perIPListener) open(ip string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.conns[ip]
}

type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// errSlowBody is what a handler reading a too slow body gets.
var errSlowBody = errors.New("request body arrives too slowly")

// slowBodies wraps every request body in a reader that keeps a minimum
// rate.
func slowBodies(next http.Handler, l netLimits) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		b := &minRateBody{body: r.Body, rc: http.NewResponseController(w), lim: l}
		r.Body = b
		next.ServeHTTP(w, r)
	})
}

// minRateBody counts only the time spent waiting for the client inside
// Read, so a handler that works between reads (parsing one file of an
// upload before reading the next) is never taken for a slow client.
type minRateBody struct {
	body   io.ReadCloser
	rc     *http.ResponseController
	waited time.Duration
	n      int64
	lim    netLimits
	slow   bool
}

func (b *minRateBody) Read(p []byte) (int, error) {
	if b.slow {
		return 0, errSlowBody
	}
	if b.waited > b.lim.BodyGrace && float64(b.n) < b.waited.Seconds()*float64(b.lim.MinBodyRate) {
		b.slow = true
		_ = b.rc.SetReadDeadline(time.Now()) // nothing more is read from this connection
		return 0, errSlowBody
	}
	start := time.Now()
	_ = b.rc.SetReadDeadline(start.Add(b.lim.BodyGrace))
	n, err := b.body.Read(p)
	b.waited += time.Since(start)
	b.n += int64(n)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		b.slow = true
		return n, errSlowBody
	}
	return n, err
}

func (b *minRateBody) Close() error { return b.body.Close() }
