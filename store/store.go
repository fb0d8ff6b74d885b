// Package store is indsigt's source of truth: one sqlx implementation over
// PostgreSQL (production) and embedded SQLite (the default), with migrations,
// transactions and the change_log outbox that the search indexer follows.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"indsigt/migrations"
	"indsigt/model"
)

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// DBFile is the embedded database's file name inside the data directory.
const DBFile = "indsigt.db"

// Store is a handle on the database. It is safe for concurrent use.
type Store struct {
	db      *sqlx.DB
	dialect string
	now     func() time.Time
	keys    keys   // seals the key table; see UseKey
	dsn     string // the PostgreSQL URL, for LISTEN
}

// Open connects to PostgreSQL when databaseURL is set, else opens (or
// creates) the embedded SQLite database in dataDir.
func Open(ctx context.Context, databaseURL, dataDir string, opts ...Option) (*Store, error) {
	o := options{timeouts: DefaultTimeouts()}
	for _, opt := range opts {
		opt(&o)
	}
	var (
		db      *sqlx.DB
		dialect string
		err     error
	)
	if databaseURL != "" {
		dialect = Postgres
		var dsn string
		if dsn, err = withTimeouts(databaseURL, o.timeouts); err != nil {
			return nil, err
		}
		db, err = sqlx.Open("postgres", dsn)
		if err == nil {
			db.SetMaxOpenConns(20)
			db.SetMaxIdleConns(5)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	} else {
		dialect = SQLite
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("store: create data dir: %w", err)
		}
		db, err = sqlx.Open("sqlite", sqliteDSN(filepath.Join(dataDir, DBFile)))
		if err == nil {
			db.SetMaxOpenConns(8)
			db = sqlx.NewDb(db.DB, "sqlite3") // sqlx knows the "?" bind style under this name
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", dialect, err)
	}
	return &Store{db: db, dialect: dialect, dsn: databaseURL, now: func() time.Time { return time.Now().UTC() }}, nil
}

// sqliteDSN sets the pragmas on every connection: WAL with synchronous=FULL
// so a committed note survives a power cut, foreign keys on, a busy timeout
// so concurrent writers wait instead of failing, and immediate transactions
// so a reader never has to upgrade to a writer mid-transaction (deadlock).
func sqliteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(15000)", "secure_delete(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Dialect names the database in use.
func (s *Store) Dialect() string { return s.dialect }

// Close closes the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.now() }

// Migrate applies all pending migrations; running it again is a no-op.
func (s *Store) Migrate(ctx context.Context) error {
	dialect := goose.DialectPostgres
	if s.dialect == SQLite {
		dialect = goose.DialectSQLite3
	}
	dir, err := fs.Sub(migrations.FS, s.dialect)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	p, err := goose.NewProvider(dialect, s.db.DB, dir)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// queryer is what both *sqlx.DB and *sqlx.Tx offer, so that every
// repository function runs inside or outside a transaction alike.
type queryer interface {
	sqlx.ExtContext
}

// Tx is a transaction; repository methods on it see its uncommitted writes.
type Tx struct {
	tx  *sqlx.Tx
	s   *Store
	now time.Time
}

// InTx runs fn in a transaction and commits it when fn returns nil.
func (s *Store) InTx(ctx context.Context, fn func(*Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: tx, s: s, now: s.now()}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	return nil
}

func get(ctx context.Context, q queryer, dest any, query string, args ...any) error {
	err := sqlx.GetContext(ctx, q, dest, q.Rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return model.ErrNotFound
	}
	return mapErr(err)
}

func sel(ctx context.Context, q queryer, dest any, query string, args ...any) error {
	return mapErr(sqlx.SelectContext(ctx, q, dest, q.Rebind(query), args...))
}

func exec(ctx context.Context, q queryer, query string, args ...any) (sql.Result, error) {
	r, err := q.ExecContext(ctx, q.Rebind(query), args...)
	return r, mapErr(err)
}

// in expands a query with IN (?) for both dialects.
func in(q queryer, query string, args ...any) (string, []any, error) {
	query, args, err := sqlx.In(query, args...)
	if err != nil {
		return "", nil, err
	}
	return q.Rebind(query), args, nil
}

// selIn is sel for a query with IN (?), expanded from a slice argument.
func selIn(ctx context.Context, q queryer, dest any, query string, args ...any) error {
	query, args, err := in(q, query, args...)
	if err != nil {
		return err
	}
	return sel(ctx, q, dest, query, args...)
}

// mapErr turns constraint violations into the model's sentinel errors so
// that callers can answer 409 or 400 without knowing the dialect.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		if busy(pe) {
			return fmt.Errorf("%w: %s", ErrDatabaseBusy, pe.Message)
		}
		switch pe.Code {
		case "23505":
			return fmt.Errorf("%w: %s", model.ErrConflict, pe.Constraint)
		case "23503", "23514", "23502", "22001":
			return fmt.Errorf("%w: %s", model.ErrInvalid, pe.Message)
		case "22021", "22P05": // a NUL byte or invalid UTF-8 that got past the model's checks
			return model.Invalid("text", model.RuleUTF8, "text contains a NUL byte or invalid UTF-8")
		}
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %s", model.ErrConflict, se.Error())
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return fmt.Errorf("%w: %s", model.ErrInvalid, se.Error())
		}
	}
	return err
}

// IsConflict reports a unique-constraint violation.
func IsConflict(err error) bool { return errors.Is(err, model.ErrConflict) }

// DumpText returns, per table, all text of all rows, leaving out the given
// tables. It exists for privacy audits: tests use it to prove that no
// personal data reached a table it must not reach.
func (s *Store) DumpText(ctx context.Context, except ...string) (map[string]string, error) {
	var tables []string
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	if s.dialect == SQLite {
		q = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	}
	if err := sel(ctx, s.db, &tables, q); err != nil {
		return nil, err
	}
	skip := map[string]bool{}
	for _, t := range except {
		skip[t] = true
	}
	out := map[string]string{}
	for _, t := range tables {
		if skip[t] {
			continue
		}
		rows, err := s.db.QueryxContext(ctx, `SELECT * FROM `+t) // names come from the catalog, not from input
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for rows.Next() {
			vals, err := rows.SliceScan()
			if err != nil {
				rows.Close()
				return nil, err
			}
			for _, v := range vals {
				fmt.Fprintf(&b, "%s\x00", v)
			}
		}
		rows.Close()
		out[t] = b.String()
	}
	return out, nil
}

// execOne runs a statement that must change a row. Its error is wrapped
// with op ("store: delete memo"; an empty op leaves it as it is); when no
// row changed, the answer is none.
func execOne(ctx context.Context, q queryer, op string, none error, query string, args ...any) error {
	r, err := exec(ctx, q, query, args...)
	if err != nil {
		if op == "" {
			return err
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return none
	}
	return nil
}
