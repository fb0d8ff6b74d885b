package auth

import (
	"container/list"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// Login throttling. Decisions worth knowing:
//
//   - Failures are counted per account (the lower-cased e-mail) and per
//     client (the address; an IPv6 address by its /64, which one household
//     or attacker usually holds whole).
//   - The account's backoff applies only to clients that have failed
//     themselves. An attacker who keeps an account "locked" therefore
//     never locks out its owner: a client with no failures always has its
//     password checked. The price is that an attacker with many addresses
//     gets a few guesses per address; the client limit and bcrypt's cost
//     bound how fast that goes.
//   - The client's backoff slows a spray over many accounts from one
//     address, whichever accounts it tries.
//   - A refused attempt is not checked at all (no bcrypt), and the answer
//     says honestly how long to wait ("prøv igen om N sekunder").
//   - Memory is bounded: each table is an LRU of at most maxEntries keys,
//     and an entry is forgotten once its backoff has long passed. A flood
//     of new keys evicts the oldest entries, not all of them at once.
const (
	accountFree   = 5                // failures of one account before its backoff starts
	clientFree    = 10               // failures from one client before its backoff starts
	backoffBase   = time.Second      // the first wait; it doubles with each failure
	backoffMax    = 15 * time.Minute // the longest wait
	forgetAfter   = time.Hour        // failures older than this no longer count
	maxEntries    = 20000            // keys per table
	ipv6KeyPrefix = 64
)

// ErrThrottled means too many failed logins in a short time; errors that
// match it are a *ThrottledError that says how long to wait.
var ErrThrottled = errors.New("too many failed logins")

// ThrottledError says how long a client must wait before trying again.
type ThrottledError struct{ Wait time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins: try again in %d seconds", e.Seconds())
}

// Is makes errors.Is(err, ErrThrottled) true.
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// Seconds is the wait rounded up to whole seconds, at least 1.
func (e *ThrottledError) Seconds() int {
	s := int((e.Wait + time.Second - 1) / time.Second)
	return max(s, 1)
}

// throttle keeps the failure tables. It is safe for concurrent use.
type throttle struct {
	mu       sync.Mutex
	now      func() time.Time
	accounts *failures
	clients  *failures
}

func newThrottle(now func() time.Time) *throttle {
	return &throttle{now: now, accounts: newFailures(maxEntries), clients: newFailures(maxEntries)}
}

// check returns how long the client must wait before trying this account
// again, or 0 when it may try now.
func (t *throttle) check(account, client string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	c := t.clients.get(client, now)
	if c == nil || c.count == 0 {
		return 0 // a client that has not failed always gets its password checked
	}
	wait := c.wait(clientFree, now)
	if a := t.accounts.get(account, now); a != nil {
		wait = max(wait, a.wait(accountFree, now))
	}
	return wait
}

// failed counts a failed attempt against the account and the client.
func (t *throttle) failed(account, client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.accounts.add(account, now)
	t.clients.add(client, now)
}

// succeeded is a right password. When the client had failed itself (the
// owner who mistyped), the account's failures are forgotten; a success
// from a clean client (the owner getting past an attacker's "lock") keeps
// them, so the attacker stays slowed. The client's failures stay: it may
// have sprayed other accounts.
func (t *throttle) succeeded(account, client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c := t.clients.get(client, t.now()); c != nil && c.count > 0 {
		t.accounts.remove(account)
	}
}

// record is the failures of one key.
type record struct {
	key   string
	count int
	last  time.Time
}

// wait is how long after the last failure the next try must wait.
func (r *record) wait(free int, now time.Time) time.Duration {
	if r.count < free {
		return 0
	}
	d := backoffBase << min(r.count-free, 20)
	d = min(d, backoffMax)
	if left := r.last.Add(d).Sub(now); left > 0 {
		return left
	}
	return 0
}

// failures is an LRU of records.
type failures struct {
	max   int
	order *list.List // front = most recently failed
	byKey map[string]*list.Element
}

func newFailures(n int) *failures {
	return &failures{max: n, order: list.New(), byKey: map[string]*list.Element{}}
}

func (f *failures) get(key string, now time.Time) *record {
	e, ok := f.byKey[key]
	if !ok {
		return nil
	}
	r := e.Value.(*record)
	if now.Sub(r.last) > forgetAfter+backoffMax {
		f.order.Remove(e)
		delete(f.byKey, key)
		return nil
	}
	return r
}

func (f *failures) add(key string, now time.Time) {
	r := f.get(key, now)
	if r == nil {
		for f.order.Len() >= f.max {
			old := f.order.Back()
			f.order.Remove(old)
			delete(f.byKey, old.Value.(*record).key)
		}
		r = &record{key: key}
		f.byKey[key] = f.order.PushFront(r)
	} else {
		f.order.MoveToFront(f.byKey[key])
	}
	if now.Sub(r.last) > forgetAfter {
		r.count = 0 // an old burst no longer counts
	}
	r.count++
	r.last = now
}

func (f *failures) remove(key string) {
	if e, ok := f.byKey[key]; ok {
		f.order.Remove(e)
		delete(f.byKey, key)
	}
}

func (f *failures) len() int { return f.order.Len() }

// ClientKey is the throttling key of a client address: the IP itself, or
// for IPv6 its /64 network. Anything unparsable is used as it is.
func ClientKey(addr string) string {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	ip := net.ParseIP(strings.TrimSpace(host))
	if ip == nil {
		return addr
	}
	if ip4 := ip.To4(); ip4 != nil {
		return ip4.String()
	}
	return ip.Mask(net.CIDRMask(ipv6KeyPrefix, 128)).String() + "/64"
}
