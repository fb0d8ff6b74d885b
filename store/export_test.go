package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"

	"indsigt/migrations"
)

// MigrateTo applies the migrations up to and including version, so that a
// test can write data the way an older schema held it.
func (s *Store) MigrateTo(ctx context.Context, version int64) error {
	dialect := goose.DialectPostgres
	if s.dialect == SQLite {
		dialect = goose.DialectSQLite3
	}
	dir, err := fs.Sub(migrations.FS, s.dialect)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, s.db.DB, dir)
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("migrate to %d: %w", version, err)
	}
	return nil
}

// Exec runs a statement outside the repositories (placeholders as ?).
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	_, err := exec(ctx, s.db, query, args...)
	return err
}

// SetTrimChunk makes a trim transaction delete at most n rows until the
// test ends.
func SetTrimChunk(t interface{ Cleanup(func()) }, n int) {
	old := trimChunk
	trimChunk = n
	t.Cleanup(func() { trimChunk = old })
}
