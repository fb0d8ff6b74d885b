package store_test

import (
	"context"
	"fmt"
	"testing"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestSetNoteTextMovesHighlights: every change of a note's text moves its
// highlights with their words, also a span between two replaced names,
// which a single changed region would stretch over both.
func TestSetNoteTextMovesHighlights(t *testing.T) {
	cases := []struct {
		name, old, new, phrase, want string
	}{
		{"before the edit", "Zulu kom forbi med kage", "[Person-1] kom forbi med kage", "forbi med kage", "forbi med kage"},
		{"between two edits", "Zulu kom, og Zulu gik hjem", "[Person-1] kom, og [Person-1] gik hjem", "kom, og", "kom, og"},
		{"around the edit", "Hun ringede til Zulu i går", "Hun ringede til [Person-1] i går", "til Zulu i", "til [Person-1] i"},
		{"restored", "Hun ringede til [Person-1] i går", "Hun ringede til Zulu i går", "til [Person-1] i", "til Zulu i"},
		{"the edit itself", "Hun sagde Zulu.", "Hun sagde [Person-1].", "Zulu", "[Person-1]"},
		{"æøå before", "Åse og Ødis så Zulu", "Åse og Ødis så [Person-1]", "og Ødis", "og Ødis"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, err := s.CreateProject(ctx, model.Project{Slug: "p", Name: "P"}, model.User{Role: model.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			var got model.Highlight
			err := s.InTx(ctx, func(tx *store.Tx) error {
				src, err := tx.CreateSource(ctx, model.Source{ProjectID: p.ID, Kind: model.KindInterview, Format: "txt", ContentHash: fmt.Sprintf("h%d", i)})
				if err != nil {
					return err
				}
				note := model.Note{ProjectID: p.ID, SourceID: src.ID, Text: c.old}
				if err := tx.AddNotes(ctx, []*model.Note{&note}); err != nil {
					return err
				}
				start, end, _ := model.FindSpan(c.old, c.phrase)
				h, err := tx.CreateHighlight(ctx, p.ID, note.ID, start, end, 0)
				if err != nil {
					return err
				}
				if err := tx.SetNoteText(ctx, p.ID, note.ID, c.new); err != nil {
					return err
				}
				got, err = tx.Highlight(ctx, p.ID, h.ID)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if span, _ := model.SpanOf(c.new, got.Start, got.End); got.Quote != c.want || span != c.want {
				t.Errorf("%s: quote %q, span %q, want %q", c.name, got.Quote, span, c.want)
			}
		}
	})
}
