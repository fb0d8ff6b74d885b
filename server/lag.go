package server

import (
	"context"
	"sync"
	"time"
)

// Pos is a position in the store's change log, in its (tx, id) order.
type Pos struct{ Tx, ID int64 }

func (p Pos) before(o Pos) bool { return p.Tx < o.Tx || (p.Tx == o.Tx && p.ID < o.ID) }

// LagSource tells where the store and the search index are.
type LagSource struct {
	// Head is the latest change committed to the store.
	Head func(context.Context) (Pos, error)
	// Applied is the last change the index holds.
	Applied func() (Pos, error)
}

// LagControl lowers the classes' running limits while the index lags, so
// that when searches take the cores the indexer still gets its share.
type LagControl struct {
	// Bound is the index lag above which the limits are halved (at most
	// once per Bound/2, so that a lag that keeps growing brings them to
	// one within twice Bound); below Bound/2 they grow back by one per Tick.
	Bound time.Duration
	// Tick is how often the lag is measured.
	Tick time.Duration
}

// lagProbe measures the index lag: it notes the store's head, and the lag
// is the time until the index has applied it (growing while it has not).
type lagProbe struct {
	src    LagSource
	target *Pos
	since  time.Time

	mu  sync.Mutex
	lag time.Duration
}

func (p *lagProbe) step(ctx context.Context, now time.Time) error {
	applied, err := p.src.Applied()
	if err != nil {
		return err
	}
	if p.target != nil {
		if applied.before(*p.target) {
			p.set(now.Sub(p.since))
			return nil
		}
		p.set(now.Sub(p.since))
		p.target = nil
	}
	head, err := p.src.Head(ctx)
	if err != nil {
		return err
	}
	if applied.before(head) {
		p.target, p.since = &head, now
		return nil
	}
	p.set(0)
	return nil
}

func (p *lagProbe) set(d time.Duration) {
	p.mu.Lock()
	p.lag = d
	p.mu.Unlock()
}

// Lag is the index lag last measured.
func (p *lagProbe) Lag() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lag
}

// FollowLag measures the index lag until ctx ends, exports it as
// indsigt_search_index_lag_seconds, and lowers the running limits of the
// given classes (all when none are named) while it passes lc.Bound. A
// failed measurement (the database away) leaves the limits as they are.
func (s *Shell) FollowLag(ctx context.Context, src LagSource, lc LagControl, classes ...string) {
	if lc.Tick <= 0 {
		lc.Tick = 200 * time.Millisecond
	}
	gates := s.gates()
	if len(classes) > 0 {
		picked := map[string]*gate{}
		for _, c := range classes {
			if g, ok := gates[c]; ok {
				picked[c] = g
			}
		}
		gates = picked
	}
	p := &lagProbe{src: src}
	t := time.NewTicker(lc.Tick)
	defer t.Stop()
	var loweredAt time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			qctx, cancel := context.WithTimeout(ctx, lc.Tick*5)
			err := p.step(qctx, now)
			cancel()
			if err != nil {
				continue
			}
			lag := p.Lag()
			s.metrics.indexLag.Set(lag.Seconds())
			if lc.Bound <= 0 {
				continue
			}
			switch {
			case lag > lc.Bound && now.Sub(loweredAt) >= lc.Bound/2:
				loweredAt = now
				for _, g := range gates {
					g.setLagCap(g.lagCapNow() / 2)
				}
			case lag < lc.Bound/2:
				for _, g := range gates {
					g.setLagCap(g.lagCapNow() + 1)
				}
			}
		}
	}
}
