package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

// CopyNotesBare writes ns into table with a bare COPY in one transaction,
// letting the table's defaults give the ids: the engine's own speed, which
// the bulk benchmark compares AddNotes with.
func (s *Store) CopyNotesBare(ctx context.Context, table string, ns []*model.Note) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, copyStatement(table, []string{"project_id", "source_id", "position", "speaker", "speaker_role", "text", "start_ms", "end_ms", "created_at", "fields"}))
	if err != nil {
		return err
	}
	for _, n := range ns {
		if _, err := st.ExecContext(ctx, n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, s.now(), n.Fields); err != nil {
			return fmt.Errorf("copy row: %w", err)
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if err := st.Close(); err != nil {
		return err
	}
	return tx.Commit()
}
