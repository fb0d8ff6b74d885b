package store

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
)

// PostgreSQL's bulk path. Multi-row INSERT … RETURNING reached about a
// sixth of a bare COPY of the same rows (parsing and planning thousands of
// parameters, returning every row); COPY FROM STDIN streams the rows in
// one protocol exchange, and the table's default gives the ids as it does
// for a bare COPY. COPY returns nothing, so one more statement reads the
// ids back by position and writes the change-log rows from them.

var noteCopyCols = []string{"project_id", "source_id", "position", "speaker", "speaker_role", "text", "start_ms", "end_ms", "created_at", "fields"}

func (tx *Tx) copyNotes(ctx context.Context, ns []*model.Note) error {
	err := tx.copyRows(ctx, "notes", noteCopyCols, len(ns), func(i int) []any {
		n := ns[i]
		n.CreatedAt = tx.now
		return []any{n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, n.CreatedAt, n.Fields}
	})
	if err != nil {
		return fmt.Errorf("store: add notes: %w", err)
	}
	lo, hi := positions(ns)
	var rows []notePos
	err = sel(ctx, tx.tx, &rows, `WITH w AS (SELECT id, position, project_id FROM notes WHERE source_id = ? AND position BETWEEN ? AND ?),
		c AS (INSERT INTO change_log (project_id, entity, entity_id, op, at) SELECT project_id, 'note', id, 'upsert', ? FROM w ORDER BY id)
		SELECT id, position FROM w`, ns[0].SourceID, lo, hi, tx.now)
	if err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return matchIDs(ns, rows)
}

// copyRows streams n rows into table with COPY FROM STDIN; errors of a
// row (a constraint) arrive when the stream ends.
func (tx *Tx) copyRows(ctx context.Context, table string, cols []string, n int, row func(int) []any) error {
	st, err := tx.tx.PrepareContext(ctx, copyStatement(table, cols))
	if err != nil {
		return mapErr(err)
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		if _, err := st.ExecContext(ctx, row(i)...); err != nil {
			return mapErr(err)
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return mapErr(err)
	}
	return mapErr(st.Close())
}

// copyStatement is COPY … FROM STDIN for a table and columns of this
// package (never input), the form lib/pq streams rows into.
func copyStatement(table string, cols []string) string {
	return "COPY " + table + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
}
