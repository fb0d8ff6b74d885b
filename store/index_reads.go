package store

import (
	"context"
	"fmt"
)

// Reads for the search index (package search): rebuilding one project's
// shard and checking that an index belongs to this database.

// ProjectNoteIDs pages through one project's note ids, for rebuilding that
// project's part of the index.
func (s *Store) ProjectNoteIDs(ctx context.Context, projectID, afterID int64, limit int) ([]int64, error) {
	var ids []int64
	err := sel(ctx, s.db, &ids, `SELECT id FROM notes WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?`, projectID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: project note ids: %w", err)
	}
	return ids, nil
}

// ChangeByID returns one change_log row, or model.ErrNotFound. The indexer
// compares the row at its checkpoint with what it saw when it applied it,
// which tells an older database restored under a newer index.
func (s *Store) ChangeByID(ctx context.Context, id int64) (Change, error) {
	var c Change
	err := get(ctx, s.db, &c, `SELECT id, tx, project_id, entity_id, op FROM change_log WHERE id = ?`, id)
	if err != nil {
		return c, fmt.Errorf("store: change %d: %w", id, err)
	}
	return c, nil
}
