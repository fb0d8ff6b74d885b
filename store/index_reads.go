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

// SourceNoteIDs pages through a source's note ids in position order (the
// source's unique index), afterPos excluded: the indexer reads a source's
// change-log row this way, a bounded page at a time. It returns the ids
// and the last position read.
func (s *Store) SourceNoteIDs(ctx context.Context, projectID, sourceID int64, afterPos, limit int) ([]int64, int, error) {
	var rows []notePos
	err := sel(ctx, s.db, &rows, `SELECT id, position FROM notes WHERE source_id = ? AND project_id = ? AND position > ? ORDER BY position LIMIT ?`,
		sourceID, projectID, afterPos, limit)
	if err != nil {
		return nil, afterPos, fmt.Errorf("store: source note ids: %w", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	if len(rows) > 0 {
		afterPos = rows[len(rows)-1].Position
	}
	return ids, afterPos, nil
}

// ChangeByID returns one change_log row, or model.ErrNotFound. The indexer
// compares the row at its checkpoint with what it saw when it applied it,
// which tells an older database restored under a newer index.
func (s *Store) ChangeByID(ctx context.Context, id int64) (Change, error) {
	var c Change
	err := get(ctx, s.db, &c, `SELECT id, tx, project_id, entity, entity_id, op FROM change_log WHERE id = ?`, id)
	if err != nil {
		return c, fmt.Errorf("store: change %d: %w", id, err)
	}
	return c, nil
}
