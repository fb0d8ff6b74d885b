package ui_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"indsigt/model"
	"indsigt/store"
)

// benchHighlightTags are the codes the benchmark's highlights carry.
var benchHighlightTags = []string{"Ensomhed", "Mad om natten", "Tryghed", "Pårørende"}

// addHighlights puts a highlight on every step-th note of the project
// (n of them at most), each with one of benchHighlightTags, in one
// transaction.
func addHighlights(b *testing.B, s *store.Store, p model.Project, by int64, n, step int) {
	b.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		ids, err := s.ProjectNoteIDs(ctx, p.ID, 0, n*step)
		if err != nil {
			return err
		}
		for i := 0; i < len(ids); i += step {
			note, err := tx.NoteForUpdate(ctx, p.ID, ids[i])
			if err != nil {
				return err
			}
			end := min(utf8.RuneCountInString(note.Text), 40)
			h, err := tx.CreateHighlight(ctx, p.ID, note.ID, 0, end, by)
			if err != nil {
				return err
			}
			if err := tx.TagHighlight(ctx, p.ID, h.ID, benchHighlightTags[i/step%len(benchHighlightTags):][:1], by); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
