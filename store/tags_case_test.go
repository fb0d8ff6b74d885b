package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestTagsUniqueWhateverTheCase: a second tag that differs only in case
// cannot be created or renamed into, tagging by name finds the one tag, and
// the answer is a field error a form can show next to the name.
func TestTagsUniqueWhateverTheCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.Project(t, s, "p", "P")
		var first, other model.Tag
		err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			if first, err = tx.CreateTag(ctx, model.Tag{ProjectID: p.ID, Name: "ensomhed"}, 0); err != nil {
				return err
			}
			other, err = tx.CreateTag(ctx, model.Tag{ProjectID: p.ID, Name: "Ærgrelse"}, 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Ensomhed", "ENSOMHED", " ensomhed "} {
			err = s.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.CreateTag(ctx, model.Tag{ProjectID: p.ID, Name: name}, 0)
				return err
			})
			fe, ok := model.AsFieldError(err)
			if !ok || fe.Rule != model.RuleTaken || !errors.Is(err, model.ErrInvalid) {
				t.Errorf("create %q next to %q: %v", name, first.Name, err)
			}
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateTag(ctx, model.Tag{ProjectID: p.ID, Name: "ærgrelse"}, 0)
			return err
		})
		if fe, ok := model.AsFieldError(err); !ok || fe.Rule != model.RuleTaken {
			t.Errorf("create ærgrelse next to Ærgrelse: %v", err)
		}
		other.Name = "EnsomHED"
		err = s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateTag(ctx, other, 0) })
		if fe, ok := model.AsFieldError(err); !ok || fe.Rule != model.RuleTaken {
			t.Errorf("rename into a name in use: %v", err)
		}
		first.Name = "Ensomhed" // its own name in other capitals is fine
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateTag(ctx, first, 0) }); err != nil {
			t.Errorf("recapitalise a tag: %v", err)
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			id, err := tx.EnsureTag(ctx, p.ID, "ENSOMHED", 0)
			if err == nil && id != first.ID {
				t.Errorf("EnsureTag(ENSOMHED) = %d, want %d", id, first.ID)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		names, err := s.TagNames(ctx, p.ID, []string{"ensomHED", "ærgrelse", "ukendt"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Ensomhed", "Ærgrelse", "ukendt"}; names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
			t.Errorf("TagNames = %q, want %q", names, want)
		}
		tags, _ := s.Tags(ctx, p.ID)
		if len(tags) != 2 {
			t.Errorf("codebook has %d tags, want 2: %+v", len(tags), tags)
		}
	})
}

// TestMigrationMergesCaseDuplicates: the migration that makes tags unique
// whatever their case merges the duplicates an older schema allowed into
// the oldest, moving notes, rules and children.
func TestMigrationMergesCaseDuplicates(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			dsn := ""
			if d == store.Postgres {
				dsn = storetest.NewSchema(t)
			}
			s, err := store.Open(ctx, dsn, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.MigrateTo(ctx, 3); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
			for _, st := range []struct {
				q    string
				args []any
			}{
				{`INSERT INTO projects (id, slug, name, created_at) VALUES (1, 'p', 'P', ?)`, []any{now}},
				{`INSERT INTO tags (id, project_id, name, created_at) VALUES (1, 1, 'Ensomhed', ?)`, []any{now}},
				{`INSERT INTO tags (id, project_id, name, created_at) VALUES (2, 1, 'ensomhed', ?)`, []any{now}},
				{`INSERT INTO tags (id, project_id, name, created_at) VALUES (3, 1, 'ENSOMHED', ?)`, []any{now}},
				{`INSERT INTO tags (id, project_id, parent_id, name, created_at) VALUES (4, 1, 3, 'Alene om natten', ?)`, []any{now}},
				{`INSERT INTO sources (id, project_id, kind, format, content_hash, created_at) VALUES (1, 1, 'interview', 'txt', 'h', ?)`, []any{now}},
				{`INSERT INTO notes (id, project_id, source_id, position, text, created_at) VALUES (1, 1, 1, 0, 'Hun sidder alene.', ?)`, []any{now}},
				{`INSERT INTO notes (id, project_id, source_id, position, text, created_at) VALUES (2, 1, 1, 1, 'Ingen besøger ham.', ?)`, []any{now}},
				{`INSERT INTO note_tags (note_id, tag_id, created_at) VALUES (1, 1, ?)`, []any{now}},
				{`INSERT INTO note_tags (note_id, tag_id, created_at) VALUES (1, 2, ?)`, []any{now}},
				{`INSERT INTO note_tags (note_id, tag_id, created_at) VALUES (2, 3, ?)`, []any{now}},
				{`INSERT INTO codebook_rules (project_id, tag_id, pattern, match, created_at) VALUES (1, 2, 'alene', 'stem', ?)`, []any{now}},
			} {
				if err := s.Exec(ctx, st.q, st.args...); err != nil {
					t.Fatalf("%s: %v", st.q, err)
				}
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			tags, err := s.Tags(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(tags) != 2 {
				t.Fatalf("after the migration %d tags, want 2: %+v", len(tags), tags)
			}
			byName := map[string]model.Tag{}
			for _, tg := range tags {
				byName[tg.Name] = tg
			}
			if tg := byName["Ensomhed"]; tg.ID != 1 || tg.NoteCount != 2 {
				t.Errorf("kept tag = %+v, want id 1 with both notes", tg)
			}
			if c := byName["Alene om natten"]; c.ParentID == nil || *c.ParentID != 1 {
				t.Errorf("child's parent = %v, want 1", c.ParentID)
			}
			rules, err := s.Rules(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(rules) != 1 || rules[0].TagID != 1 {
				t.Errorf("rules = %+v, want the rule on tag 1", rules)
			}
			err = s.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.CreateTag(ctx, model.Tag{ProjectID: 1, Name: "ensomHed"}, 0)
				return err
			})
			if fe, ok := model.AsFieldError(err); !ok || fe.Rule != model.RuleTaken {
				t.Errorf("create a case duplicate after the migration: %v", err)
			}
		})
	}
}
