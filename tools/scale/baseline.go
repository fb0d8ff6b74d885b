package main

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// target is one serving installation's API and the header that signs in.
type target struct {
	base string
	auth http.Header
}

// compareBaseline serves the baseline data directory beside the measured
// one and times every API query on both, alternating request by request
// (and which goes first), so that both see the same load; the rows say
// how the measured project compares with a project of the same size in an
// installation of its own.
func compareBaseline(o options, measured target, r *report) error {
	b := o
	b.data = o.baseline
	b.addr = nextPort(o.addr)
	token, err := cliOut(b, nil, "token", "create", "--email", "scale@example.dk", "--name", "scale-baseline")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	stop, err := serve(b)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer stop()
	base := target{base: "http://" + b.addr, auth: http.Header{"Authorization": {"Bearer " + token}}}
	if err := waitReady(base.base, 2*time.Minute); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	for _, q := range apiQueries {
		path := "/api/v1/projects/p1/search?limit=10&q=" + url.QueryEscape(q.query) + q.extra
		ours, theirs, err := alternate(measured, base, path, o.queries)
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		r.pairs = append(r.pairs, pair{name: "API " + q.name, measured: ours, baseline: theirs})
	}
	return nil
}

// alternate times n requests of path on each target, taking turns, after
// a tenth as many untimed ones to warm both.
func alternate(a, b target, path string, n int) (la, lb []time.Duration, err error) {
	warm := max(n/10, 1)
	for i := 0; i < n+warm; i++ {
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		d1, err := timeOne(http.DefaultClient, first.base+path, first.auth)
		if err != nil {
			return nil, nil, err
		}
		d2, err := timeOne(http.DefaultClient, second.base+path, second.auth)
		if err != nil {
			return nil, nil, err
		}
		if i < warm {
			continue
		}
		if i%2 == 1 {
			d1, d2 = d2, d1
		}
		la, lb = append(la, d1), append(lb, d2)
	}
	return la, lb, nil
}

// nextPort is addr with the port one higher.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	p, _ := strconv.Atoi(port)
	return net.JoinHostPort(host, strconv.Itoa(p+1))
}
