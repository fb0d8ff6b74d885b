package auth

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestThrottleNeverLocksOutAClientThatHasNotFailed(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	th := newThrottle(clk.now)
	attacker, owner := ClientKey("203.0.113.9:5123"), ClientKey("198.51.100.7:443")
	// The attacker keeps the account "locked" with a try now and then.
	for i := 0; i < 200; i++ {
		if th.check("åse@kolding.dk", attacker) == 0 {
			th.failed("åse@kolding.dk", attacker)
		}
		clk.advance(25 * time.Second)
	}
	if w := th.check("åse@kolding.dk", attacker); w == 0 {
		t.Fatal("the attacker is not slowed")
	}
	if w := th.check("åse@kolding.dk", owner); w != 0 {
		t.Fatalf("the owner, who has not failed, must be let in: wait %v", w)
	}
	th.succeeded("åse@kolding.dk", owner)
	if w := th.check("åse@kolding.dk", attacker); w == 0 {
		t.Fatal("the owner's success freed the attacker")
	}
}

func TestThrottleBacksOffAndSaysHowLong(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	th := newThrottle(clk.now)
	ip := ClientKey("192.0.2.1")
	for i := 0; i < accountFree; i++ {
		if w := th.check("bo@kolding.dk", ip); w != 0 {
			t.Fatalf("try %d refused: %v", i+1, w)
		}
		th.failed("bo@kolding.dk", ip)
	}
	var waits []time.Duration
	for i := 0; i < 6; i++ {
		w := th.check("bo@kolding.dk", ip)
		if w == 0 {
			t.Fatalf("failure %d: no backoff", accountFree+i)
		}
		waits = append(waits, w)
		clk.advance(w)
		if w := th.check("bo@kolding.dk", ip); w != 0 {
			t.Fatalf("still refused after waiting: %v", w)
		}
		th.failed("bo@kolding.dk", ip)
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] <= waits[i-1] {
			t.Errorf("the backoff does not grow: %v", waits)
		}
	}
	err := error(&ThrottledError{Wait: 1500 * time.Millisecond})
	if !errors.Is(err, ErrThrottled) || err.(*ThrottledError).Seconds() != 2 {
		t.Errorf("throttled error: %v", err)
	}
	clk.advance(backoffMax + time.Second)
	if w := th.check("bo@kolding.dk", ip); w != 0 {
		t.Errorf("the backoff is capped at %v: %v", backoffMax, w)
	}
	// A success from the client that failed forgets the account's failures.
	th.succeeded("bo@kolding.dk", ip)
	if w := th.check("bo@kolding.dk", ip); w != 0 {
		t.Errorf("after a success: %v", w)
	}
}

func TestThrottleSlowsASprayFromOneClient(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	th := newThrottle(clk.now)
	ip := ClientKey("2001:db8:1:2:3:4:5:6")
	if ClientKey("[2001:db8:1:2:ffff::1]:80") != ip {
		t.Fatalf("one /64 is one client: %s %s", ip, ClientKey("[2001:db8:1:2:ffff::1]:80"))
	}
	refused := 0
	for i := 0; i < 15; i++ {
		acct := fmt.Sprintf("bruger%d@kolding.dk", i)
		if th.check(acct, ip) > 0 {
			refused++
			continue
		}
		th.failed(acct, ip)
	}
	if refused == 0 {
		t.Fatal("15 accounts sprayed from one client, none slowed")
	}
	if w := th.check("ny@kolding.dk", ClientKey("192.0.2.200")); w != 0 {
		t.Errorf("another client is slowed: %v", w)
	}
}

func TestThrottleMemoryIsBounded(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	th := newThrottle(clk.now)
	th.failed("ejer@kolding.dk", "192.0.2.1")
	for i := 0; i < 3*maxEntries; i++ {
		th.failed(fmt.Sprintf("spray%d@example.org", i), fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
	}
	if n, m := th.accounts.len(), th.clients.len(); n > maxEntries || m > maxEntries || len(th.accounts.byKey) != n {
		t.Fatalf("tables hold %d and %d keys, at most %d", n, m, maxEntries)
	}
	// The newest entries survive a flood; the table is not cleared at once.
	if th.accounts.get(fmt.Sprintf("spray%d@example.org", 3*maxEntries-1), clk.now()) == nil {
		t.Error("the newest entry was evicted")
	}
	// Entries are forgotten when old.
	clk.advance(forgetAfter + backoffMax + time.Minute)
	if th.accounts.get("spray1@example.org", clk.now()) != nil {
		t.Error("an old entry is kept")
	}
}
