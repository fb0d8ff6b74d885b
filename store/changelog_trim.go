package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Trimming the change log. Without it the outbox grows by a row for every
// note write, forever. Rows can go once every index has applied them, so
// each index records its checkpoint under a reader name of its own (one
// per index directory: several servers may share a PostgreSQL database),
// and TrimChangeLog deletes the rows below the oldest checkpoint of the
// readers seen lately, and only rows older than a keep window, so that a
// server starting or rebuilding meanwhile finds what it needs. A reader not
// seen for the forget period (a server taken away) no longer holds the log
// back; if it comes back, its checkpoint is below what was deleted, which
// change_log_trim records, and its index is rebuilt from the notes table
// (ErrTrimmed) instead of missing the deleted rows.
//
// These are Store methods with transactions of their own: bookkeeping of
// the outbox, not a use case.

// ErrTrimmed means rows after a checkpoint were trimmed from the change
// log: an index at that checkpoint must be rebuilt.
var ErrTrimmed = errors.New("store: the change log was trimmed after this checkpoint; rebuild the index")

// RecordCheckpoint notes how far a reader (an index) has applied the log.
func (s *Store) RecordCheckpoint(ctx context.Context, reader string, cp Checkpoint) error {
	_, err := exec(ctx, s.db, `INSERT INTO change_log_readers (reader, tx, id, seen_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (reader) DO UPDATE SET tx = excluded.tx, id = excluded.id, seen_at = excluded.seen_at`, reader, cp.Tx, cp.ID, s.now())
	if err != nil {
		return fmt.Errorf("store: record checkpoint: %w", err)
	}
	return nil
}

// Trimmed is the last position trimmed from the log (zero: never trimmed).
func (s *Store) Trimmed(ctx context.Context) (Checkpoint, error) {
	var cp Checkpoint
	err := get(ctx, s.db, &cp, `SELECT tx, id FROM change_log_trim WHERE one = 1`)
	if isNotFound(err) {
		return Checkpoint{}, nil
	}
	if err != nil {
		return cp, fmt.Errorf("store: trimmed: %w", err)
	}
	return cp, nil
}

func (s *Store) checkNotTrimmed(ctx context.Context, cp Checkpoint) error {
	t, err := s.Trimmed(ctx)
	if err != nil {
		return err
	}
	if cp.Before(t) {
		return fmt.Errorf("%w (checkpoint %d/%d, trimmed through %d/%d)", ErrTrimmed, cp.Tx, cp.ID, t.Tx, t.ID)
	}
	return nil
}

// ChangeLogRows counts the change log's rows (for metrics and tests). An
// upload is one row (its source's), whatever its number of notes.
func (s *Store) ChangeLogRows(ctx context.Context) (int64, error) {
	var n int64
	if err := get(ctx, s.db, &n, `SELECT COUNT(*) FROM change_log`); err != nil {
		return 0, fmt.Errorf("store: change log rows: %w", err)
	}
	return n, nil
}

// TrimChangeLog deletes the rows that every reader seen within forget has
// passed and that are older than keep, and returns how many went. With no
// reader seen, nothing goes. On PostgreSQL one server trims at a time (an
// advisory lock: another server's trim is simply skipped).
func (s *Store) TrimChangeLog(ctx context.Context, keep, forget time.Duration) (int64, error) {
	var total int64
	for {
		n, err := s.trimStep(ctx, keep, forget)
		total += n
		if err != nil {
			return total, fmt.Errorf("store: trim change log: %w", err)
		}
		if n < int64(trimChunk) {
			return total, nil
		}
	}
}

// trimChunk bounds the rows one trim transaction deletes. A log that grew
// while no server trimmed it (one stopped for a while, or a log from
// before an upload took one row) is trimmed in steps, so that no
// transaction holds the writers back for long: 100,000 rows in one
// transaction held SQLite's write lock long enough to delay the searches'
// audit rows by a third of a second.
var trimChunk = 5000

// trimStep deletes at most trimChunk of the rows that may go, in one
// transaction.
func (s *Store) trimStep(ctx context.Context, keep, forget time.Duration) (int64, error) {
	var n int64
	err := s.InTx(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			var got bool
			if err := get(ctx, tx.tx, &got, `SELECT pg_try_advisory_xact_lock(?, 0)`, trimLockSpace); err != nil || !got {
				return err
			}
		}
		var err error
		n, err = tx.trim(ctx, tx.now.Add(-keep), tx.now.Add(-forget))
		return err
	})
	return n, err
}

// trimLockSpace keys the trim's advisory lock (two-key form, like LockProject's).
const trimLockSpace = 0x74726d6c // "trml"

func (tx *Tx) trim(ctx context.Context, before, seenSince time.Time) (int64, error) {
	var bound []Checkpoint
	err := sel(ctx, tx.tx, &bound, `SELECT tx, id FROM change_log_readers WHERE seen_at >= ? ORDER BY tx, id LIMIT 1`, seenSince)
	if err != nil || len(bound) == 0 {
		return 0, err
	}
	// The last row that goes: below every reader, and old enough.
	var last []Checkpoint
	err = sel(ctx, tx.tx, &last, `SELECT tx, id FROM change_log WHERE (tx < ? OR tx = ? AND id < ?) AND at < ? ORDER BY tx DESC, id DESC LIMIT 1`,
		bound[0].Tx, bound[0].Tx, bound[0].ID, before)
	if err != nil || len(last) == 0 {
		return 0, err
	}
	l := last[0]
	res, err := exec(ctx, tx.tx, `DELETE FROM change_log WHERE id IN (
		SELECT id FROM change_log WHERE tx < ? OR tx = ? AND id <= ? ORDER BY tx, id LIMIT ?)`, l.Tx, l.Tx, l.ID, trimChunk)
	if err != nil {
		return 0, err
	}
	_, err = exec(ctx, tx.tx, `INSERT INTO change_log_trim (one, tx, id, trimmed_at) VALUES (1, ?, ?, ?)
		ON CONFLICT (one) DO UPDATE SET tx = excluded.tx, id = excluded.id, trimmed_at = excluded.trimmed_at`, l.Tx, l.ID, tx.now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
