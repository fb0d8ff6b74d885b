package store

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
)

// noteChunk bounds one multi-row INSERT: 10 parameters a row stays far
// below SQLite's and PostgreSQL's parameter limits.
const noteChunk = 500

// AddNotes stores a file's notes with one multi-row INSERT per chunk and
// queues them for indexing with one change-log statement per chunk, instead
// of two round trips per note. The notes get their ids; they must belong to
// one source and have distinct positions.
func (tx *Tx) AddNotes(ctx context.Context, ns []*model.Note) error {
	for start := 0; start < len(ns); start += noteChunk {
		end := min(start+noteChunk, len(ns))
		if err := tx.addNoteChunk(ctx, ns[start:end]); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) addNoteChunk(ctx context.Context, ns []*model.Note) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO notes (project_id, source_id, position, speaker, speaker_role, text, start_ms, end_ms, created_at, fields) VALUES `)
	args := make([]any, 0, len(ns)*10)
	byPos := make(map[int]*model.Note, len(ns))
	for i, n := range ns {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		n.CreatedAt = tx.now
		args = append(args, n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, n.CreatedAt, n.Fields)
		byPos[n.Position] = n
	}
	// RETURNING's row order is not promised, so ids are matched by position.
	q.WriteString(" RETURNING id, position")
	var rows []struct {
		ID       int64 `db:"id"`
		Position int   `db:"position"`
	}
	if err := sel(ctx, tx.tx, &rows, q.String(), args...); err != nil {
		return fmt.Errorf("store: add notes: %w", mapErr(err))
	}
	if len(rows) != len(ns) {
		return fmt.Errorf("store: add notes: %d of %d rows written", len(rows), len(ns))
	}
	for _, r := range rows {
		byPos[r.Position].ID = r.ID
	}
	first, last := ns[0].Position, ns[len(ns)-1].Position
	_, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at)
		SELECT project_id, 'note', id, 'upsert', ? FROM notes WHERE source_id = ? AND position BETWEEN ? AND ? ORDER BY id`,
		tx.now, ns[0].SourceID, min(first, last), max(first, last))
	if err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return nil
}

// NoteTag is a tag a rule gives a new note.
type NoteTag struct{ NoteID, TagID int64 }

// TagNewNotes writes the tags that rules give new notes, one multi-row
// INSERT per chunk; the notes' change-log rows are already queued.
func (tx *Tx) TagNewNotes(ctx context.Context, tags []NoteTag, by int64) error {
	for start := 0; start < len(tags); start += noteChunk {
		chunk := tags[start:min(start+noteChunk, len(tags))]
		var q strings.Builder
		q.WriteString(`INSERT INTO note_tags (note_id, tag_id, origin, created_by, created_at) VALUES `)
		args := make([]any, 0, len(chunk)*4)
		for i, t := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, 'rule', ?, ?)")
			args = append(args, t.NoteID, t.TagID, nullID(by), tx.now)
		}
		q.WriteString(" ON CONFLICT DO NOTHING")
		if _, err := exec(ctx, tx.tx, q.String(), args...); err != nil {
			return fmt.Errorf("store: tag new notes: %w", err)
		}
	}
	return nil
}
