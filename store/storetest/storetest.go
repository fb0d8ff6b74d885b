// Package storetest gives tests a fresh, migrated database of each dialect:
// SQLite always, PostgreSQL whenever INDSIGT_TEST_DATABASE_URL is set (CI
// sets it), so one table of tests runs against both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // the PostgreSQL driver, for creating schemas

	"indsigt/model"
	"indsigt/store"
)

// EnvURL names the variable that points tests at a PostgreSQL server.
const EnvURL = "INDSIGT_TEST_DATABASE_URL"

// Each runs fn once per available dialect, each with its own fresh store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Dialects lists the dialects this test run covers.
func Dialects() []string {
	if os.Getenv(EnvURL) != "" {
		return []string{store.SQLite, store.Postgres}
	}
	return []string{store.SQLite}
}

// Open gives a migrated store of the dialect, removed when the test ends.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	return OpenAt(t, DSN(t, dialect), t.TempDir())
}

// DSN is where a test's store of the dialect lives: a fresh PostgreSQL
// schema, or "" for SQLite in the data directory.
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == store.Postgres {
		return NewSchema(t)
	}
	return ""
}

// OpenAt opens and migrates the store at dsn with the data directory dir,
// and closes it when the test ends.
func OpenAt(t testing.TB, dsn, dir string) *store.Store {
	t.Helper()
	s := OpenExisting(t, dsn, dir)
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", s.Dialect(), err)
	}
	return s
}

// OpenExisting opens the store at dsn with the data directory dir as it
// is, without migrating it, and closes it when the test ends.
func OpenExisting(t testing.TB, dsn, dir string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Project creates a project as an admin would and fails the test on an
// error.
func Project(t testing.TB, s *store.Store, slug, name string) model.Project {
	t.Helper()
	p, err := s.CreateProject(context.Background(), model.Project{Slug: slug, Name: name}, model.User{Role: model.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// NewSchema creates an empty PostgreSQL schema for one test and returns a
// URL whose search_path points at it; the schema is dropped afterwards.
//
// The schemas of one test process live in a database of their own
// (created on first use beside the configured one), because the change
// log is read below the oldest transaction running in its database: test
// packages run in parallel, and another package's open transaction in the
// same database would hold back this one's indexer. Such databases are
// named with their creation time, and ones older than an hour, left by
// processes that did not end cleanly, are dropped.
func NewSchema(t testing.TB) string {
	t.Helper()
	base := processDB(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", base)
		if err == nil {
			_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	processOnce sync.Once
	processURL  string
	processErr  error
)

// processDB is the URL of this test process's own database.
func processDB(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Fatalf("%s is not set", EnvURL)
	}
	processOnce.Do(func() { processURL, processErr = createProcessDB(base) })
	if processErr != nil {
		t.Fatalf("postgres: %v", processErr)
	}
	return processURL
}

func createProcessDB(base string) (string, error) {
	db, err := sql.Open("postgres", base)
	if err != nil {
		return "", err
	}
	defer db.Close()
	dropStale(db)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := fmt.Sprintf("indsigt_t_%d_%s", time.Now().Unix(), hex.EncodeToString(b))
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", fmt.Errorf("create test database: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// dropStale drops test databases older than an hour.
func dropStale(db *sql.DB) {
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'indsigt_t_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		var ts int64
		if _, err := fmt.Sscanf(name, "indsigt_t_%d_", &ts); err == nil && time.Since(time.Unix(ts, 0)) > time.Hour {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		_, _ = db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	}
}
