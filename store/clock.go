package store

import "time"

// SetClock replaces the store's clock, which stamps every row it writes
// and decides what retention has expired. Tests use it to move time; set
// it before the store is shared.
func (s *Store) SetClock(now func() time.Time) { s.now = now }
