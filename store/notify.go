package store

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// changesChannel is notified at the commit of every transaction that
// writes the change log (a trigger, see the PostgreSQL migrations).
const changesChannel = "indsigt_changes"

// Listen calls wake whenever another process (or this one) commits a
// change, until ctx ends; on SQLite, which one process owns, it returns at
// once. The connection reconnects by itself; a lost notification is only a
// delay, because the indexer also polls.
func (s *Store) Listen(ctx context.Context, wake func()) error {
	if s.dialect != Postgres {
		return nil
	}
	l := pq.NewListener(s.dsn, 100*time.Millisecond, 10*time.Second, nil)
	if err := l.Listen(changesChannel); err != nil {
		l.Close()
		return fmt.Errorf("store: listen: %w", err)
	}
	go func() {
		defer l.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-l.Notify:
				if !ok {
					return
				}
				wake() // a nil notification after a reconnect also wakes: changes may have been missed
			case <-time.After(90 * time.Second):
				_ = l.Ping()
			}
		}
	}()
	return nil
}
