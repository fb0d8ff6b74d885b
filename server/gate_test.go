package server

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestGateQueuesBurstsAndRefusesStandingExcess: while a slot frees within
// the deadline, a waiter gets it; once the measured service time says the
// queue cannot be served within the deadline, a newcomer is refused at
// once instead of waiting for it.
func TestGateQueuesBurstsAndRefusesStandingExcess(t *testing.T) {
	g := newGate(Limits{Max: 1, Wait: time.Hour, OverloadWait: time.Hour})
	ctx := context.Background()
	if ok, _ := g.acquire(ctx); !ok {
		t.Fatal("an empty gate refused")
	}
	got := make(chan bool)
	go func() { ok, _ := g.acquire(ctx); got <- ok }()
	for _, _, q := g.state(); q == 0; _, _, q = g.state() {
		time.Sleep(time.Millisecond)
	}
	g.release(10 * time.Millisecond)
	if !<-got {
		t.Fatal("the waiter was refused although a slot freed")
	}
	// The measured service time is now about 37 minutes: alone in the
	// queue a request can expect its slot within the hour's deadline,
	// behind another one it cannot.
	g.release(5 * time.Hour)
	if ok, _ := g.acquire(ctx); !ok {
		t.Fatal("the free slot was refused")
	}
	go func() { ok, _ := g.acquire(ctx); got <- ok }()
	for _, _, q := g.state(); q == 0; _, _, q = g.state() {
		time.Sleep(time.Millisecond)
	}
	if ok, _ := g.acquire(ctx); ok {
		t.Fatal("a request that cannot be served within its deadline was queued")
	}
	g.release(0)
	if !<-got {
		t.Fatal("the queued waiter lost its slot")
	}
	g.release(0)
	if _, running, queued := g.state(); running != 0 || queued != 0 {
		t.Fatalf("after all released: %d running, %d queued", running, queued)
	}
}

// TestGateDeadlineRefuses: a waiter whose slot does not free within the
// deadline is refused, and a client that leaves frees its place.
func TestGateDeadlineRefuses(t *testing.T) {
	g := newGate(Limits{Max: 1, Wait: 20 * time.Millisecond})
	ctx := context.Background()
	g.acquire(ctx)
	if ok, err := g.acquire(ctx); ok || err != nil {
		t.Fatalf("waited past the deadline: %v %v", ok, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if ok, err := g.acquire(cctx); ok || err == nil {
		t.Fatalf("a client that left: %v %v", ok, err)
	}
	g.release(0)
	if _, running, queued := g.state(); running != 0 || queued != 0 {
		t.Fatalf("%d running, %d queued", running, queued)
	}
}

// TestFollowLagLowersAndRestoresLimits: while the index does not reach the
// store's head, the limits halve down to one; once it does, they grow back.
func TestFollowLagLowersAndRestoresLimits(t *testing.T) {
	s := New(Deps{})
	s.Bound("search", Limits{Max: 8, Wait: time.Second}, "GET /search")
	var applied atomic.Int64
	src := LagSource{
		Head:    func(context.Context) (Pos, error) { return Pos{Tx: 1, ID: 5}, nil },
		Applied: func() (Pos, error) { return Pos{Tx: 1, ID: applied.Load()}, nil },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.FollowLag(ctx, src, LagControl{Bound: 20 * time.Millisecond, Tick: 2 * time.Millisecond})
	g := s.gates()["search"]
	waitFor(t, func() bool { return g.lagCapNow() == 1 }, "the limit to fall to 1 while the index lags")
	applied.Store(5)
	waitFor(t, func() bool { return g.lagCapNow() == 8 }, "the limit to grow back to 8 once the index caught up")
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for " + what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestGateLimitFollowsTarget: requests that hold their slot longer than
// the target lower the running limit; fast ones, with requests waiting,
// raise it again.
func TestGateLimitFollowsTarget(t *testing.T) {
	g := newGate(Limits{Max: 8, Wait: time.Hour, Target: 100 * time.Millisecond})
	ctx := context.Background()
	for i := 0; i < 200; i++ {
		g.acquire(ctx)
		g.saturated = true
		g.release(time.Second)
	}
	if l, _, _ := g.state(); l != 1 {
		t.Fatalf("slow requests: limit %d, want 1", l)
	}
	for i := 0; i < 400; i++ {
		g.acquire(ctx)
		g.saturated = true
		g.release(time.Millisecond)
	}
	if l, _, _ := g.state(); l != 8 {
		t.Fatalf("fast requests: limit %d, want 8", l)
	}
}

// TestGateRefusesByTheDecisionPoint: a waiter with a long Wait is refused
// at RefuseBy when the measured service time says its slot cannot come in
// time, or when the queue has stood past Interval; one that can expect its
// slot is promised it and keeps waiting, past its Wait too.
func TestGateRefusesByTheDecisionPoint(t *testing.T) {
	cases := []struct {
		name    string
		held    time.Duration // the service time measured before
		l       Limits
		hold    time.Duration // how long the slot stays taken when granted
		granted bool
	}{
		// Expected within Wait on arrival, no longer within what is left of
		// it at the decision point.
		{"slot cannot come in time", 900 * time.Millisecond, Limits{Max: 1, Wait: time.Second, RefuseBy: 200 * time.Millisecond, Interval: time.Hour}, 0, false},
		{"standing queue", time.Millisecond, Limits{Max: 1, Wait: time.Hour, RefuseBy: 50 * time.Millisecond, Interval: 10 * time.Millisecond}, 0, false},
		{"slot comes soon", time.Millisecond, Limits{Max: 1, Wait: time.Hour, RefuseBy: 20 * time.Millisecond, Interval: time.Hour}, 60 * time.Millisecond, true},
		{"promise kept past the wait", time.Millisecond, Limits{Max: 1, Wait: 60 * time.Millisecond, RefuseBy: 10 * time.Millisecond, Interval: time.Hour}, 150 * time.Millisecond, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := takenGate(c.l, c.held)
			got := waiting(g)
			if c.granted {
				time.Sleep(c.hold)
				select {
				case ok := <-got:
					t.Fatalf("decided before the slot freed: %v", ok)
				default:
				}
				g.release(0)
			}
			if ok := outcome(t, got); ok != c.granted {
				t.Fatalf("granted %v, want %v", ok, c.granted)
			}
			g.release(0)
			drained(t, g)
		})
	}
}

// TestGatePromiseOutranksNewest: a waiter kept at its decision point is
// served before a newer one even once the queue has stood (when the newest
// is served first), and the newer one is refused by its decision point.
func TestGatePromiseOutranksNewest(t *testing.T) {
	g := takenGate(Limits{Max: 1, Wait: time.Hour, RefuseBy: 20 * time.Millisecond, Interval: 100 * time.Millisecond}, time.Millisecond)
	first := waiting(g)
	time.Sleep(200 * time.Millisecond) // kept at 20 ms; the queue has stood since
	second := waiting(g)
	for _, _, q := g.state(); q < 2; _, _, q = g.state() {
		time.Sleep(time.Millisecond)
	}
	g.release(time.Millisecond)
	if !outcome(t, first) {
		t.Fatal("the promised waiter was refused")
	}
	if outcome(t, second) {
		t.Fatal("the newer waiter got the slot before the promised one released it")
	}
	g.release(0)
	drained(t, g)
}

// TestGateStandingQueuePushesOutTheOldest: once the queue has stood, a
// waiter with more newer waiters behind it than there are slots is refused
// when the newer one arrives, not at its deadline (an hour here); the
// newest keeps its place and gets the slot.
func TestGateStandingQueuePushesOutTheOldest(t *testing.T) {
	g := takenGate(Limits{Max: 1, Wait: time.Hour, RefuseBy: time.Hour, Interval: 10 * time.Millisecond}, time.Millisecond)
	oldest := waiting(g)
	time.Sleep(30 * time.Millisecond) // the queue has stood past Interval
	newest := waiting(g)
	if outcome(t, oldest) {
		t.Fatal("the pushed-out waiter was admitted")
	}
	if _, _, q := g.state(); q != 1 {
		t.Fatalf("%d waiting after the push, want the newest alone", q)
	}
	g.release(time.Millisecond)
	if !outcome(t, newest) {
		t.Fatal("the newest waiter was refused")
	}
	g.release(0)
	drained(t, g)
}

// takenGate is a gate whose measured service time is held and whose one
// slot is taken.
func takenGate(l Limits, held time.Duration) *gate {
	g := newGate(l)
	g.acquire(context.Background())
	g.release(held)
	g.acquire(context.Background())
	return g
}

// waiting starts a request at g; the channel says whether it was admitted.
func waiting(g *gate) <-chan bool {
	got := make(chan bool, 1)
	go func() { ok, _ := g.acquire(context.Background()); got <- ok }()
	return got
}

// outcome is a waiting request's answer, which must come.
func outcome(t *testing.T, got <-chan bool) bool {
	t.Helper()
	select {
	case ok := <-got:
		return ok
	case <-time.After(30 * time.Second):
		t.Fatal("the waiter was neither served nor refused")
		return false
	}
}

func drained(t *testing.T, g *gate) {
	t.Helper()
	if _, running, queued := g.state(); running != 0 || queued != 0 {
		t.Fatalf("%d running, %d queued", running, queued)
	}
}
