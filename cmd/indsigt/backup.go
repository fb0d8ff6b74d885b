package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"indsigt/search"
	"indsigt/store"
)

func cmdBackup(ctx context.Context, e env, args []string) error {
	var c config
	var out string
	fs := c.flags("backup")
	fs.StringVar(&out, "out", "", "the backup file to write (must not exist)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if out == "" {
		return fmt.Errorf("%w: --out is required", errUsage)
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		if err := s.Backup(ctx, out); err != nil {
			if errors.Is(err, store.ErrBackupPostgres) {
				return fmt.Errorf("this installation uses PostgreSQL: back it up with pg_dump (see README, Operations)")
			}
			return err
		}
		fmt.Fprintf(e.stderr, "backup written to %s; the search index is not in it and is rebuilt on restore\n", out)
		return nil
	})
}

// cmdRestore puts a backup in place of the embedded database. The current
// database is kept beside it, and the index is moved aside so that the
// next start rebuilds it from the restored notes (an index that is newer
// than the database would serve deleted notes).
func cmdRestore(ctx context.Context, e env, args []string) error {
	var c config
	var from string
	fs := c.flags("restore")
	fs.StringVar(&from, "from", "", "the backup file written by indsigt backup")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if from == "" {
		return fmt.Errorf("%w: --from is required", errUsage)
	}
	if c.databaseURL != "" {
		return fmt.Errorf("this installation uses PostgreSQL: restore it with pg_restore or psql (see README, Operations)")
	}
	if err := store.CheckBackup(ctx, from); err != nil {
		return err
	}
	if err := refuseWhileServing(ctx, &c); err != nil {
		return err
	}
	if err := os.MkdirAll(c.dataDir, 0o700); err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405")
	db := filepath.Join(c.dataDir, store.DBFile)
	if _, err := os.Stat(db); err == nil {
		kept := db + ".before-restore-" + stamp
		if err := os.Rename(db, kept); err != nil {
			return fmt.Errorf("keep the current database: %w", err)
		}
		fmt.Fprintf(e.stderr, "the current database is kept as %s\n", kept)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Remove(db + suffix)
	}
	if err := copyFile(from, db); err != nil {
		return err
	}
	if err := os.Rename(indexDir(&c), indexDir(&c)+".stale-"+stamp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("move the old index aside: %w", err)
	}
	fmt.Fprintf(e.stderr, "restored %s; the search index is rebuilt at the next start\n", from)
	return nil
}

// refuseWhileServing fails when a running server holds the data directory.
func refuseWhileServing(ctx context.Context, c *config) error {
	if _, err := os.Stat(indexDir(c)); err != nil {
		return nil
	}
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	x := search.NewIndexer(s, indexDir(c), newLogger(io.Discard))
	if err := x.Open(ctx); err != nil {
		if errors.Is(err, search.ErrLocked) {
			return fmt.Errorf("a running indsigt serve uses %s: stop it before restoring", c.dataDir)
		}
		return nil
	}
	return x.Close()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", from, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
