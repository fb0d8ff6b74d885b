package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	_ "modernc.org/sqlite" // the driver, for checking a backup file
)

// ErrBackupPostgres means the store is PostgreSQL, whose backups are the
// job of pg_dump (see README).
var ErrBackupPostgres = errors.New("store: a PostgreSQL store is backed up with pg_dump, not by indsigt")

// Backup writes a consistent copy of the embedded database to path while
// the store stays in use (VACUUM INTO reads one snapshot; writers go on).
// path must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return os.Chmod(path, 0o600)
}

// CheckBackup opens a backup file read-only and checks that it is an
// intact indsigt database: SQLite's integrity check passes and the
// migrations table and the notes table are there.
func CheckBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil {
		return fmt.Errorf("store: %s is not an SQLite database: %w", path, err)
	}
	if !strings.EqualFold(ok, "ok") {
		return fmt.Errorf("store: %s is damaged: %s", path, ok)
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('goose_db_version', 'notes', 'change_log')`).Scan(&n)
	if err != nil || n != 3 {
		return fmt.Errorf("store: %s is not an indsigt database", path)
	}
	return nil
}
