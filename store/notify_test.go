package store_test

import (
	"context"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestListenWakesOtherProcesses: a note committed through one store wakes
// a listener on another store of the same database at once.
func TestListenWakesOtherProcesses(t *testing.T) {
	if len(storetest.Dialects()) < 2 {
		t.Skipf("%s is not set", storetest.EnvURL)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dsn := storetest.NewSchema(t)
	open := func() *store.Store {
		s, err := store.Open(ctx, dsn, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := open(), open()
	woke := make(chan struct{}, 16)
	if err := a.Listen(ctx, func() { woke <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // LISTEN is in place
	p := storetest.Project(t, b, "vaek", "Væk")
	select {
	case <-woke:
		t.Fatal("woken without a change")
	default:
	}
	err := b.InTx(ctx, func(tx *store.Tx) error {
		src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:y"})
		if err != nil {
			return err
		}
		return tx.AddNote(ctx, &model.Note{ProjectID: p.ID, SourceID: src.ID, Text: "Noten vækker."})
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-woke:
	case <-time.After(5 * time.Second):
		t.Fatal("the other store was not woken")
	}
}
