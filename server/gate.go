package server

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Limits configure a gate: how many requests of a class run at once, and
// how long one may wait for its turn.
type Limits struct {
	// Max requests of the class run at a time; the index lag controller
	// (Shell.FollowLag) may lower the running limit below it.
	Max int
	// Wait is how long a request may wait for a slot while the server
	// keeps up: long enough that bursts at a rate the cores can serve
	// queue instead of being refused. A waiter promised its slot (see
	// RefuseBy) is not refused when it passes, only at promiseBackstop
	// times it.
	Wait time.Duration
	// OverloadWait replaces Wait once the queue has not been empty for
	// Interval (a standing queue: more arrives than the cores serve), so
	// the excess is refused within it instead of after Wait.
	OverloadWait time.Duration
	// RefuseBy is when a waiter learns whether it will be served (default
	// 50 ms, never later than Wait): then a waiter is refused if the class
	// is overloaded or if it cannot expect its slot within half the rest
	// of its Wait, and promised the slot otherwise. So an excess request
	// hears 503 within RefuseBy even when Wait is long, while one that will
	// be served soon keeps its place.
	RefuseBy time.Duration
	// Interval is how long a queue may stand before the class counts as
	// overloaded (CoDel's interval).
	Interval time.Duration
	// Target is the time a request should hold its slot (0: no target).
	// When the measured time passes it, the running limit falls by a
	// quarter; below three quarters of it, with requests waiting, it grows
	// by one: fewer requests at once each get more of the cores, so the
	// ones admitted stay fast when the cores are scarce, and the rest are
	// refused quickly.
	Target time.Duration
	// Min is the floor of the limit that Target moves (default 1): as
	// many as the cores, so that a search slow even alone still has every
	// core to run on.
	Min int
}

// A gate admits requests of one class: at most limit run at once, the
// rest wait in a queue with a deadline. A request is refused at once when
// the wait it can expect (the queue ahead of it times the measured service
// time) exceeds its deadline, and refused when its deadline passes. Under
// a standing queue the deadline is the short OverloadWait and the newest
// waiter is served first (adaptive LIFO), so that the requests that get in
// are fresh ones and the excess is told quickly: the queue's deadline, not
// the number of slots, is what bounds what users wait. There a waiter with
// more newer ones behind it than there are slots is refused at once. Every
// waiter is told by RefuseBy: refused then, or promised a slot and served
// before those not yet told, so a 503 never comes later than RefuseBy.
type gate struct {
	l Limits

	mu        sync.Mutex
	limit     int // the running limit from the measured service time, 1..l.Max
	lagCap    int // the cap the index lag controller sets, 1..l.Max
	running   int
	completed int  // releases since the limit last adapted
	saturated bool // a request found every slot taken since then
	queue     []*waiter
	emptyAt   time.Time     // the last moment the queue was empty
	service   time.Duration // moving average of the time a request holds its slot
	now       func() time.Time
}

type waiter struct {
	ready    chan struct{} // closed when the waiter is given a slot or pushed out
	granted  bool          // set under mu when it is given a slot
	promised bool          // kept at RefuseBy: served before those not yet told
}

func newGate(l Limits) *gate {
	if l.Max < 1 {
		l.Max = 1
	}
	if l.OverloadWait <= 0 || l.OverloadWait > l.Wait {
		l.OverloadWait = l.Wait
	}
	l.Min = min(max(l.Min, 1), l.Max)
	if l.Interval <= 0 {
		l.Interval = 500 * time.Millisecond
	}
	if l.RefuseBy <= 0 {
		l.RefuseBy = 50 * time.Millisecond
	}
	return &gate{l: l, limit: l.Max, lagCap: l.Max, now: time.Now, emptyAt: time.Now()}
}

// slotsLocked is the running limit in force: the lower of the two.
func (g *gate) slotsLocked() int { return min(g.limit, g.lagCap) }

// acquire waits for a slot; it reports false when the request is refused
// (the queue's deadline) and returns ctx's error when the client left.
func (g *gate) acquire(ctx context.Context) (bool, error) {
	g.mu.Lock()
	now := g.now()
	if g.running < g.slotsLocked() && len(g.queue) == 0 {
		g.running++
		g.emptyAt = now
		g.mu.Unlock()
		return true, nil
	}
	g.saturated = true
	wait := g.deadlineLocked(now)
	if g.expectedWaitLocked() > wait {
		g.mu.Unlock()
		return false, nil
	}
	w := &waiter{ready: make(chan struct{})}
	g.queue = append(g.queue, w)
	if g.overloadedLocked(now) {
		g.pushOutLocked()
	}
	g.mu.Unlock()

	first := min(wait, g.l.RefuseBy)
	t := time.NewTimer(first)
	defer t.Stop()
	decided := first == wait
	for {
		select {
		case <-w.ready:
			return w.granted, nil // set before ready closed
		case <-t.C:
			if !decided && g.staysQueued(w, wait-first) {
				// A promise is kept: the waiter is served before every one
				// not yet told, so it waits for its slot; the backstop only
				// ends a wait that something stuck.
				decided = true
				t.Reset(promiseBackstop * wait)
				continue
			}
			if g.leave(w) {
				return true, nil
			}
			return false, nil
		case <-ctx.Done():
			if g.leave(w) {
				g.release(0)
			}
			return false, ctx.Err()
		}
	}
}

// pushOutLocked refuses the oldest waiters not promised a slot until no
// more of them wait than there are slots. Under a standing queue the newest
// waiter is served first, so one behind that many newer ones would be
// served only if nothing arrived before its deadline: it hears its 503 now
// instead of at the deadline.
func (g *gate) pushOutLocked() {
	waiting := 0
	for _, q := range g.queue {
		if !q.promised {
			waiting++
		}
	}
	for i := 0; waiting > g.slotsLocked() && i < len(g.queue); {
		q := g.queue[i]
		if q.promised {
			i++
			continue
		}
		g.queue = slices.Delete(g.queue, i, i+1)
		close(q.ready) // not granted: refused
		waiting--
	}
}

// promiseBackstop times a class's Wait is the longest a promised waiter
// waits before it is refused after all.
const promiseBackstop = 4

// staysQueued is the decision at RefuseBy: w keeps its place if it has been
// given a slot, or if the class is not overloaded and it can be served
// within half of rest behind the waiters kept before it (half: the slots
// may shrink and the service time grow meanwhile). A kept waiter is
// promised: it is served before every waiter not yet told, newest or
// oldest, and is not refused at its Wait, so a refusal comes by RefuseBy.
func (g *gate) staysQueued(w *waiter, rest time.Duration) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if w.granted {
		return true
	}
	if g.overloadedLocked(g.now()) || !slices.Contains(g.queue, w) {
		return false
	}
	ahead := 0
	for _, q := range g.queue {
		if q.promised {
			ahead++
		}
	}
	if time.Duration(ahead+1)*g.service/time.Duration(g.slotsLocked()) > rest/2 {
		return false
	}
	w.promised = true
	return true
}

// leave takes w out of the queue; it reports whether w had been given a
// slot meanwhile (which the caller then owns).
func (g *gate) leave(w *waiter) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if w.granted {
		return true
	}
	for i, q := range g.queue {
		if q == w {
			g.queue = append(g.queue[:i], g.queue[i+1:]...)
			break
		}
	}
	if len(g.queue) == 0 {
		g.emptyAt = g.now()
	}
	return false
}

// deadlineLocked is how long a request arriving now may wait.
func (g *gate) deadlineLocked(now time.Time) time.Duration {
	if g.overloadedLocked(now) {
		return g.l.OverloadWait
	}
	return g.l.Wait
}

func (g *gate) overloadedLocked(now time.Time) bool {
	return len(g.queue) > 0 && now.Sub(g.emptyAt) > g.l.Interval
}

// expectedWaitLocked is the wait of a request joining the queue now: the
// queue ahead of it, plus itself, served limit at a time.
func (g *gate) expectedWaitLocked() time.Duration {
	if g.service == 0 {
		return 0
	}
	return time.Duration(len(g.queue)+1) * g.service / time.Duration(g.slotsLocked())
}

// release frees a slot that was held for held (0: not measured) and gives
// it to a waiter: the oldest while the server keeps up, the newest under a
// standing queue, whose deadline is furthest away.
func (g *gate) release(held time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if held > 0 {
		if g.service == 0 {
			g.service = held
		} else {
			g.service += (held - g.service) / 8
		}
	}
	g.running--
	g.adaptLocked()
	g.dispatchLocked()
}

// adaptLocked moves the limit toward the Target service time, once per
// round of limit releases so that each change is measured before the next.
func (g *gate) adaptLocked() {
	if g.l.Target <= 0 || g.service == 0 {
		return
	}
	g.completed++
	if g.completed < g.limit {
		return
	}
	g.completed = 0
	switch {
	case g.service > g.l.Target && g.limit > g.l.Min:
		g.limit = max(g.l.Min, g.limit*3/4)
	case g.service < g.l.Target*3/4 && g.limit < g.l.Max && g.saturated:
		g.limit++
	}
	g.saturated = false
}

func (g *gate) dispatchLocked() {
	now := g.now()
	for g.running < g.slotsLocked() && len(g.queue) > 0 {
		i := slices.IndexFunc(g.queue, func(w *waiter) bool { return w.promised })
		switch {
		case i >= 0:
		case g.overloadedLocked(now):
			i = len(g.queue) - 1
		default:
			i = 0
		}
		w := g.queue[i]
		g.queue = slices.Delete(g.queue, i, i+1)
		w.granted = true
		g.running++
		close(w.ready)
	}
	if len(g.queue) == 0 {
		g.emptyAt = now
	}
}

// setLagCap changes the index lag controller's cap (clamped to 1..Max);
// raising it admits waiters at once, lowering it lets running requests
// finish.
func (g *gate) setLagCap(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lagCap = min(max(n, 1), g.l.Max)
	g.dispatchLocked()
}

// state is a snapshot for /metrics: the limit in force, requests running
// and waiting.
func (g *gate) state() (limit, running, queued int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.slotsLocked(), g.running, len(g.queue)
}

// lagCapNow is the index lag controller's cap.
func (g *gate) lagCapNow() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.lagCap
}
