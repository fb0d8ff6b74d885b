package store_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestChangesNotStalledByOtherDatabases keeps a writing transaction open in
// another database of the cluster and checks that a change committed here
// is still read at once; one open here (a change not yet committed) holds
// the horizon, as it must.
func TestChangesNotStalledByOtherDatabases(t *testing.T) {
	base := os.Getenv(storetest.EnvURL)
	if base == "" {
		t.Skipf("%s is not set", storetest.EnvURL)
	}
	ctx := context.Background()
	s := storetest.Open(t, store.Postgres)
	other := otherDatabase(t, base)
	otx, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer otx.Rollback()
	if _, err := otx.ExecContext(ctx, `SELECT pg_current_xact_id()`); err != nil { // takes an xid, as a writer does
		t.Fatal(err)
	}
	p := storetest.Project(t, s, "frisk", "Frisk")
	err = s.InTx(ctx, func(tx *store.Tx) error {
		src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:x"})
		if err != nil {
			return err
		}
		return tx.AddNote(ctx, &model.Note{ProjectID: p.ID, SourceID: src.ID, Text: "Borgeren fortæller."})
	})
	if err != nil {
		t.Fatal(err)
	}
	latest, err := s.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if latest.ID == 0 {
		t.Fatal("the note wrote no change")
	}
	// Other tests' transactions in this database may hold the horizon for
	// a moment; the one in the other database stays open throughout.
	deadline := time.Now().Add(10 * time.Second)
	for {
		cs, err := s.ChangesAfter(ctx, store.Checkpoint{}, 1_000_000)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) > 0 && cs[len(cs)-1].ID == latest.ID {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a transaction open in another database stalls the change log: read %d changes, latest %+v", len(cs), latest)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func otherDatabase(t *testing.T, base string) *sql.DB {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/postgres"
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
