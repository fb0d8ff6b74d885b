package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestUploadLockLetsSearchesThrough holds an upload's project lock in an
// open transaction (as a long upload does) and checks, on PostgreSQL, that
// a search's audit row in the same project is written meanwhile, and that
// a second upload waiting for the lock fails with ErrDatabaseBusy after
// lock_timeout instead of hanging.
func TestUploadLockLetsSearchesThrough(t *testing.T) {
	if len(storetest.Dialects()) < 2 {
		t.Skip("PostgreSQL only: set " + storetest.EnvURL)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.NewSchema(t), t.TempDir(), store.WithTimeouts(store.Timeouts{Lock: 300 * time.Millisecond, Statement: 10 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreateProject(ctx, model.Project{Slug: "lang", Name: "Lang upload"}, model.User{Role: model.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	held, release, upload := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		upload <- s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.LockProject(ctx, p.ID); err != nil {
				return err
			}
			if _, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:lang"}); err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
	}()
	select {
	case <-held:
	case err := <-upload:
		t.Fatalf("upload: %v", err)
	}
	// A deadline far above lock_timeout: a hang fails here, not a slow run.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	err = s.InTx(wctx, func(tx *store.Tx) error { return tx.Audit(wctx, 0, p.ID, "search", "", "") })
	if err != nil {
		t.Fatalf("audit row during an upload: %v", err)
	}
	err = s.InTx(wctx, func(tx *store.Tx) error { return tx.LockProject(wctx, p.ID) })
	if !errors.Is(err, store.ErrDatabaseBusy) || !strings.Contains(err.Error(), "lock") {
		t.Fatalf("second upload: %v, want ErrDatabaseBusy after lock_timeout", err)
	}
	close(release)
	if err := <-upload; err != nil {
		t.Fatalf("the held upload: %v", err)
	}
}
