package store_test

import (
	"context"
	"errors"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestHighlightsKeepTheirWords: a span is stored with its quote and tags,
// a redaction before it moves it, one inside it shrinks it with the text
// that replaced its part, and a tag merge moves highlights too.
func TestHighlightsKeepTheirWords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.Project(t, s, "p", "P")
		const text = "Jeg hedder Åse og jeg føler mig ensom om aftenen."
		var note model.Note
		var h model.Highlight
		err := s.InTx(ctx, func(tx *store.Tx) error {
			src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: "h1:hl"})
			if err != nil {
				return err
			}
			note = model.Note{ProjectID: p.ID, SourceID: src.ID, Text: text}
			if err := tx.AddNotes(ctx, []*model.Note{&note}); err != nil {
				return err
			}
			if h, err = tx.CreateHighlight(ctx, p.ID, note.ID, 22, 48, 0); err != nil {
				return err
			}
			return tx.TagHighlight(ctx, p.ID, h.ID, []string{"Ensomhed", "aften"}, 0)
		})
		if err != nil {
			t.Fatal(err)
		}
		if h.Quote != "føler mig ensom om aftenen" {
			t.Fatalf("quote %q", h.Quote)
		}
		for _, bad := range [][2]int{{-1, 3}, {5, 5}, {10, 400}} {
			err := s.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.CreateHighlight(ctx, p.ID, note.ID, bad[0], bad[1], 0)
				return err
			})
			if _, ok := model.AsFieldError(err); !ok {
				t.Errorf("span %v: want a field error, got %v", bad, err)
			}
		}
		redacted := "Jeg hedder [Borger-1] og jeg føler mig ensom om aftenen."
		err = s.InTx(ctx, func(tx *store.Tx) error {
			moved, deleted, err := tx.RemapHighlights(ctx, p.ID, note.ID, text, redacted)
			if err == nil && (moved != 1 || deleted != 0) {
				t.Errorf("moved %d deleted %d", moved, deleted)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		hs, err := s.Highlights(ctx, p.ID, store.HighlightFilter{Tag: "ensomhed"})
		if err != nil || len(hs) != 1 {
			t.Fatalf("by tag: %v %v", hs, err)
		}
		if hs[0].Quote != "føler mig ensom om aftenen" || len(hs[0].Tags) != 2 || hs[0].Start != 29 {
			t.Fatalf("after redaction: %+v", hs[0])
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			from, _ := tx.TagID(ctx, p.ID, "aften")
			into, _ := tx.TagID(ctx, p.ID, "Ensomhed")
			return tx.MergeTags(ctx, p.ID, from, into, 0)
		})
		if err != nil {
			t.Fatal(err)
		}
		hs, _ = s.Highlights(ctx, p.ID, store.HighlightFilter{NoteIDs: []int64{note.ID}})
		if len(hs) != 1 || len(hs[0].Tags) != 1 || hs[0].Tags[0] != "Ensomhed" {
			t.Fatalf("after merge: %+v", hs)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteHighlight(ctx, p.ID, h.ID) })
		if err != nil {
			t.Fatal(err)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.Highlight(ctx, p.ID, h.ID); return err })
		if !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("deleted highlight: %v", err)
		}
	})
}
