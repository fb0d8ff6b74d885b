package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"

	"indsigt/migrations"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestChangeLogSourcesMigratesDownAndUp takes migration 00012 (change-log
// rows for sources) down and up again on a store that holds such a row:
// down turns it into a row per note of the source, and ids given before
// are not given again, also when the top of the log was deleted (trimmed).
func TestChangeLogSourcesMigratesDownAndUp(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dsn, dir := storetest.DSN(t, dialect), t.TempDir()
			s := storetest.OpenAt(t, dsn, dir)
			p := storetest.Project(t, s, "ned", "Ned")
			notes := addSource(t, s, p, "h1:ned", 3)
			top := latestID(t, s)
			if top == 0 {
				t.Fatal("the source wrote no change-log row")
			}
			db := rawDB(t, dialect, dsn, dir)
			goosed := provider(t, dialect, db)

			if _, err := goosed.DownTo(ctx, 11); err != nil {
				t.Fatalf("down to 11: %v", err)
			}
			var rows []string
			for _, r := range queryRows(t, db, `SELECT entity, entity_id FROM change_log WHERE entity_id IN (`+idList(notes)+`) OR entity = 'source' ORDER BY id`) {
				rows = append(rows, r[0]+" "+r[1])
			}
			want := []string{fmt.Sprintf("note %d", notes[0]), fmt.Sprintf("note %d", notes[1]), fmt.Sprintf("note %d", notes[2])}
			if fmt.Sprint(rows) != fmt.Sprint(want) {
				t.Fatalf("after down: rows %v, want %v", rows, want)
			}

			// The top of the log goes, as a trim may take it: its ids stay used.
			top = latestID(t, s)
			if _, err := db.ExecContext(ctx, `DELETE FROM change_log`); err != nil {
				t.Fatal(err)
			}
			if _, err := goosed.Up(ctx); err != nil {
				t.Fatalf("up again: %v", err)
			}
			addSource(t, s, p, "h1:op", 2)
			if got := latestID(t, s); got <= top {
				t.Errorf("after down and up the change log gave id %d again (had reached %d)", got, top)
			}
		})
	}
}

// addSource writes a source of n notes through AddNotes and returns the
// notes' ids by position.
func addSource(t *testing.T, s *store.Store, p model.Project, hash string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	ns := make([]*model.Note, n)
	err := s.InTx(ctx, func(tx *store.Tx) error {
		src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: hash})
		if err != nil {
			return err
		}
		for i := range ns {
			ns[i] = &model.Note{ProjectID: p.ID, SourceID: src.ID, Position: i, Text: fmt.Sprintf("note %d", i)}
		}
		return tx.AddNotes(ctx, ns)
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, n)
	for i, note := range ns {
		ids[i] = note.ID
	}
	return ids
}

func latestID(t *testing.T, s *store.Store) int64 {
	t.Helper()
	cp, err := s.LatestCheckpoint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cp.ID
}

// rawDB opens the store's database beside it, for goose.
func rawDB(t *testing.T, dialect, dsn, dir string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if dialect == store.Postgres {
		db, err = sql.Open("postgres", dsn)
	} else {
		db, err = sql.Open("sqlite", filepath.Join(dir, store.DBFile)+"?_pragma=busy_timeout(5000)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func provider(t *testing.T, dialect string, db *sql.DB) *goose.Provider {
	t.Helper()
	gd := goose.DialectPostgres
	if dialect == store.SQLite {
		gd = goose.DialectSQLite3
	}
	sub, err := fs.Sub(migrations.FS, dialect)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(gd, db, sub)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func idList(ids []int64) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprint(id)
	}
	return out
}
