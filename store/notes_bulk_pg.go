package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lib/pq"

	"indsigt/model"
)

// PostgreSQL's bulk path. Multi-row INSERT … RETURNING reached about a
// sixth of a bare COPY of the same rows (parsing and planning thousands of
// parameters, returning every row); COPY FROM STDIN streams the rows in
// one protocol exchange. COPY returns nothing, so the ids are taken from
// the notes' sequence first, in one statement, and the notes are copied
// with them. The change log gets one row for the source (AddNotes): a
// second COPY of a row per note cost a fifth of the notes' COPY, and a
// statement that found the notes again by position half as much again.

var noteCopyCols = []string{"id", "project_id", "source_id", "position", "speaker", "speaker_role", "text", "start_ms", "end_ms", "created_at", "fields"}

func (tx *Tx) copyNotes(ctx context.Context, ns []*model.Note) error {
	ids, err := tx.noteIDs(ctx, len(ns))
	if err != nil {
		return err
	}
	// Ids rise with the position, as a COPY that takes them from the
	// default in the file's order gives them.
	byPos := slices.Clone(ns)
	slices.SortFunc(byPos, func(a, b *model.Note) int { return cmp.Compare(a.Position, b.Position) })
	for i, n := range byPos {
		n.ID, n.CreatedAt = ids[i], tx.now
	}
	// Every row has the same time: encoded once, not once a row.
	at := string(pq.FormatTimestamp(tx.now))
	err = tx.copyRows(ctx, "notes", noteCopyCols, len(byPos), func(i int) []any {
		n := byPos[i]
		return []any{n.ID, n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, at, n.Fields}
	})
	if err != nil {
		return fmt.Errorf("store: add notes: %w", err)
	}
	return nil
}

// noteIDs takes n ids from the notes' sequence in one round trip, in
// ascending order. Other writers may take ids in between: they need not
// be consecutive.
func (tx *Tx) noteIDs(ctx context.Context, n int) ([]int64, error) {
	var ids pq.Int64Array
	err := tx.tx.QueryRowContext(ctx, `SELECT array_agg(nextval('notes_id_seq')) FROM generate_series(1, $1)`, n).Scan(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: note ids: %w", mapErr(err))
	}
	if len(ids) != n {
		return nil, fmt.Errorf("store: note ids: %d of %d", len(ids), n)
	}
	slices.Sort(ids)
	return ids, nil
}

var noteTagCopyCols = []string{"note_id", "tag_id", "origin", "created_by", "created_at"}

// copyNoteTags writes new notes' rule tags by COPY. The notes are new in
// this transaction, so only a pair given twice could conflict: it is
// dropped here, as ON CONFLICT DO NOTHING drops it on SQLite.
func (tx *Tx) copyNoteTags(ctx context.Context, tags []NoteTag, by int64) error {
	seen := make(map[NoteTag]bool, len(tags))
	uniq := make([]NoteTag, 0, len(tags))
	for _, t := range tags {
		if !seen[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	if len(uniq) == 0 {
		return nil
	}
	at := string(pq.FormatTimestamp(tx.now))
	err := tx.copyRows(ctx, "note_tags", noteTagCopyCols, len(uniq), func(i int) []any {
		return []any{uniq[i].NoteID, uniq[i].TagID, "rule", nullID(by), at}
	})
	if err != nil {
		return fmt.Errorf("store: tag new notes: %w", err)
	}
	return nil
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
