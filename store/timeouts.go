package store

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/lib/pq"
)

// Timeouts bound how long one PostgreSQL session may wait or work, so that
// a server frozen inside a transaction (or a runaway statement) cannot hang
// the other servers on the same database: a lock wait fails after Lock, a
// statement after Statement, and a transaction left idle is ended by the
// server after IdleInTx, releasing its locks. Zero leaves PostgreSQL's
// setting. SQLite has one writer per file and its own busy timeout.
type Timeouts struct {
	Lock      time.Duration
	Statement time.Duration
	IdleInTx  time.Duration
}

// DefaultTimeouts leave room for the largest upload: COPY writes a
// 50,000-note file (the per-file limit) in a few seconds on 2 busy cores,
// far inside the statement budget.
func DefaultTimeouts() Timeouts {
	return Timeouts{Lock: 5 * time.Second, Statement: 30 * time.Second, IdleInTx: 60 * time.Second}
}

// Option changes how Open connects.
type Option func(*options)

type options struct{ timeouts Timeouts }

// WithTimeouts sets the PostgreSQL session timeouts (default DefaultTimeouts).
func WithTimeouts(t Timeouts) Option { return func(o *options) { o.timeouts = t } }

// ErrDatabaseBusy means a statement gave up waiting for a lock or ran out
// of its time budget; the adapters answer 503 with Retry-After.
var ErrDatabaseBusy = errors.New("store: the database is busy (a lock or statement timeout); try again in a moment")

// withTimeouts sets the timeouts as run-time parameters of every
// connection the pool opens (lib/pq sends unknown DSN keys to the server),
// unless the URL already sets them: an operator's URL wins.
func withTimeouts(dsn string, t Timeouts) (string, error) {
	params := []struct {
		key string
		d   time.Duration
	}{{"lock_timeout", t.Lock}, {"statement_timeout", t.Statement}, {"idle_in_transaction_session_timeout", t.IdleInTx}}
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		for _, p := range params {
			if p.d > 0 && !strings.Contains(dsn, p.key+"=") {
				dsn += fmt.Sprintf(" %s=%d", p.key, p.d.Milliseconds())
			}
		}
		return dsn, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("store: database URL: %w", err)
	}
	q := u.Query()
	for _, p := range params {
		if p.d > 0 && q.Get(p.key) == "" {
			q.Set(p.key, fmt.Sprint(p.d.Milliseconds()))
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// busy tells a timeout from other failures: 55P03 is a lock wait that hit
// lock_timeout, 57014 a statement cancelled by statement_timeout (or a
// cancelled request, which nobody reads any more).
func busy(pe *pq.Error) bool { return pe.Code == "55P03" || pe.Code == "57014" }
