package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"
)

// Expired is a source whose project's retention has passed.
type Expired struct {
	ProjectID   int64     `db:"project_id"`
	ProjectSlug string    `db:"slug"`
	SourceID    int64     `db:"source_id"`
	Title       string    `db:"title"`
	CreatedAt   time.Time `db:"created_at"`
	ExpiresAt   time.Time `db:"-"`
}

// ExpiredSources lists the sources ingested more than their project's
// retention_days before now; a project with retention 0 keeps its sources.
// The comparison is done here rather than in SQL, where date arithmetic
// differs between the dialects.
func (s *Store) ExpiredSources(ctx context.Context, now time.Time) ([]Expired, error) {
	var rows []struct {
		Expired
		Days int `db:"retention_days"`
	}
	err := sel(ctx, s.db, &rows, `SELECT p.id AS project_id, p.slug, p.retention_days, s.id AS source_id, s.title, s.created_at
		FROM sources s JOIN projects p ON p.id = s.project_id WHERE p.retention_days > 0 ORDER BY p.id, s.id`)
	if err != nil {
		return nil, fmt.Errorf("store: expired sources: %w", err)
	}
	var out []Expired
	for _, r := range rows {
		r.ExpiresAt = r.CreatedAt.AddDate(0, 0, r.Days)
		if !now.Before(r.ExpiresAt) {
			out = append(out, r.Expired)
		}
	}
	return out, nil
}

// RunOnce runs fn only if no other process sharing the store runs a job of
// the same name (a PostgreSQL advisory lock held for fn's duration); it
// reports whether fn ran. An embedded store has one process, so fn runs.
func (s *Store) RunOnce(ctx context.Context, name string, fn func(context.Context) error) (bool, error) {
	if s.dialect != Postgres {
		return true, fn(ctx)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	defer conn.Close()
	h := fnv.New64a()
	_, _ = h.Write([]byte("indsigt:" + name))
	key := int64(h.Sum64())
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
		return false, fmt.Errorf("store: lock %s: %w", name, err)
	}
	if !got {
		return false, nil
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key) }()
	return true, fn(ctx)
}
