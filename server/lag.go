package server

import (
	"context"
	"sync"
	"time"

	"indsigt/search"
	"indsigt/store"
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
	// Rebuilding reports whether the index is being rebuilt (nil: never).
	Rebuilding func() bool
}

// IndexLag compares the store's latest change the indexer may apply with
// the index's checkpoint.
func IndexLag(s *store.Store, x *search.Indexer) LagSource {
	return LagSource{
		// The head below PostgreSQL's horizon: a change behind another
		// server's open (or frozen) transaction cannot be applied yet, and
		// fewer searches here would not help the indexer reach it.
		Head: func(ctx context.Context) (Pos, error) {
			c, err := s.SafeCheckpoint(ctx)
			return Pos{Tx: c.Tx, ID: c.ID}, err
		},
		Applied: func() (Pos, error) {
			c, err := x.Applied()
			return Pos{Tx: c.Tx, ID: c.ID}, err
		},
		Rebuilding: x.Rebuilding,
	}
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
//
// A rebuild is not lag. While one runs (src.Rebuilding), the incremental
// indexer waits for it, since they share the index's one writer, and
// searches are answered from the index that was there before (503 while
// there is none); how long the rebuild takes is set by the notes it reads,
// not by what arrives. Lower limits would throttle every user for the
// whole rebuild without getting one more change indexed, so meanwhile the
// limits grow back as when the index keeps up. Once it ends the lag is
// measured afresh: the catch-up of the changes made during it is
// incremental lag like any other.
func (s *Shell) FollowLag(ctx context.Context, src LagSource, lc LagControl, classes ...string) {
	if lc.Tick <= 0 {
		lc.Tick = 200 * time.Millisecond
	}
	f := &lagFollower{m: s.metrics, src: src, lc: lc, gates: s.pickGates(classes), probe: &lagProbe{src: src}}
	t := time.NewTicker(lc.Tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			f.tick(ctx, now)
		}
	}
}

// pickGates are the named classes' gates, or all when none are named.
func (s *Shell) pickGates(classes []string) map[string]*gate {
	gates := s.gates()
	if len(classes) == 0 {
		return gates
	}
	picked := map[string]*gate{}
	for _, c := range classes {
		if g, ok := gates[c]; ok {
			picked[c] = g
		}
	}
	return picked
}

// lagFollower is FollowLag's state between ticks.
type lagFollower struct {
	m          *metrics
	src        LagSource
	lc         LagControl
	gates      map[string]*gate
	probe      *lagProbe
	loweredAt  time.Time
	rebuilding bool // at the last tick
}

func (f *lagFollower) tick(ctx context.Context, now time.Time) {
	rebuilding := f.src.Rebuilding != nil && f.src.Rebuilding()
	if f.rebuilding && !rebuilding {
		f.probe = &lagProbe{src: f.src} // the catch-up's lag, from now
	}
	f.rebuilding = rebuilding
	f.m.rebuilding.Set(b2f(rebuilding))
	qctx, cancel := context.WithTimeout(ctx, f.lc.Tick*5)
	err := f.probe.step(qctx, now)
	cancel()
	lag := f.probe.Lag()
	if err == nil {
		f.m.indexLag.Set(lag.Seconds())
	}
	switch {
	case f.lc.Bound <= 0:
	case rebuilding:
		f.grow()
	case err != nil: // unknown lag: the limits stay
	case lag < f.lc.Bound/2:
		f.grow()
	case lag > f.lc.Bound && now.Sub(f.loweredAt) >= f.lc.Bound/2:
		f.loweredAt = now
		for _, g := range f.gates {
			g.setLagCap(g.lagCapNow() / 2)
		}
	}
}

// grow raises the caps by one (setLagCap keeps them at most Max).
func (f *lagFollower) grow() {
	for _, g := range f.gates {
		g.setLagCap(g.lagCapNow() + 1)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
