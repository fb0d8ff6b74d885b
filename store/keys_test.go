package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"indsigt/store"
	"indsigt/store/storetest"
)

func TestKeyTableIsSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := bytes.Repeat([]byte{7}, store.KeySize)
		if err := s.UseKey(key); err != nil {
			t.Fatal(err)
		}
		if err := s.CheckKey(ctx); err != nil {
			t.Fatal(err)
		}
		p := storetest.Project(t, s, "nogler", "Nøgler")
		var first, again string
		err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			if first, _, err = tx.Pseudonym(ctx, p.ID, "cpr", "CPR", "121290-1212"); err != nil {
				return err
			}
			again, _, err = tx.Pseudonym(ctx, p.ID, "cpr", "CPR", "121290-1212")
			return err
		})
		if err != nil || first != "CPR-1" || again != first {
			t.Fatalf("codes %q %q %v", first, again, err)
		}
		dump, err := s.DumpText(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for table, text := range dump {
			if strings.Contains(text, "121290-1212") || strings.Contains(text, "1212901212") {
				t.Errorf("the original is readable in table %s", table)
			}
		}
		kind, v, err := s.Original(ctx, p.ID, "CPR-1")
		if err != nil || kind != "cpr" || v != "121290-1212" {
			t.Fatalf("original: %q %q %v", kind, v, err)
		}
		h1, h2 := s.ContentHash(p.ID, []byte("samme fil")), s.ContentHash(p.ID+1, []byte("samme fil"))
		if h1 == h2 || !strings.HasPrefix(h1, "h1:") || h1 != s.ContentHash(p.ID, []byte("samme fil")) {
			t.Errorf("content hashes %s %s", h1, h2)
		}
		if err := s.UseKey(bytes.Repeat([]byte{8}, store.KeySize)); err != nil {
			t.Fatal(err)
		}
		if err := s.CheckKey(ctx); !errors.Is(err, store.ErrOtherKey) {
			t.Fatalf("another key was accepted: %v", err)
		}
		if _, _, err := s.Original(ctx, p.ID, "CPR-1"); err == nil {
			t.Fatal("another key opened the sealed value")
		}
	})
}
