package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"indsigt/model"
)

// noteChunk bounds one multi-row INSERT: 10 parameters a row stays far
// below SQLite's and PostgreSQL's parameter limits.
const noteChunk = 500

// AddNotes stores a file's notes and queues them for indexing, in a few
// statements instead of two round trips per note: COPY on PostgreSQL (see
// notes_bulk_pg.go), on SQLite one multi-row INSERT and one change-log
// statement per chunk, each prepared once per call. The notes get their
// ids; they must belong to one source and have distinct positions.
func (tx *Tx) AddNotes(ctx context.Context, ns []*model.Note) error {
	if len(ns) == 0 {
		return nil
	}
	if tx.s.dialect == Postgres {
		return tx.copyNotes(ctx, ns)
	}
	ins := &noteInserts{tx: tx}
	defer ins.close()
	for start := 0; start < len(ns); start += noteChunk {
		end := min(start+noteChunk, len(ns))
		if err := ins.chunk(ctx, ns[start:end]); err != nil {
			return err
		}
	}
	return nil
}

// noteInserts are SQLite's statements of one AddNotes call: parsing a
// 500-row INSERT cost about as much as running it, so the full-chunk
// statement and the change-log statement are prepared once and reused.
type noteInserts struct {
	tx        *Tx
	full, log *sqlx.Stmt
}

func (ins *noteInserts) close() {
	for _, st := range []*sqlx.Stmt{ins.full, ins.log} {
		if st != nil {
			_ = st.Close()
		}
	}
}

// stmt gives the insert for a chunk of n notes: the prepared one for a
// full chunk, else nil (the caller runs the query once).
func (ins *noteInserts) stmt(ctx context.Context, n int) (*sqlx.Stmt, string, error) {
	q := noteInsert(n)
	if n != noteChunk {
		return nil, q, nil
	}
	if ins.full == nil {
		st, err := ins.tx.tx.PreparexContext(ctx, q)
		if err != nil {
			return nil, q, fmt.Errorf("store: add notes: %w", mapErr(err))
		}
		ins.full = st
	}
	return ins.full, q, nil
}

func (ins *noteInserts) chunk(ctx context.Context, ns []*model.Note) error {
	tx := ins.tx
	args := make([]any, 0, len(ns)*10)
	for _, n := range ns {
		n.CreatedAt = tx.now
		args = append(args, n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, n.CreatedAt, n.Fields)
	}
	st, q, err := ins.stmt(ctx, len(ns))
	if err != nil {
		return err
	}
	var rows []notePos
	if st != nil {
		err = st.SelectContext(ctx, &rows, args...)
	} else {
		err = sel(ctx, tx.tx, &rows, q, args...)
	}
	if err != nil {
		return fmt.Errorf("store: add notes: %w", mapErr(err))
	}
	if err := matchIDs(ns, rows); err != nil {
		return err
	}
	if ins.log == nil {
		if ins.log, err = tx.tx.PreparexContext(ctx, `INSERT INTO change_log (project_id, entity, entity_id, op, at)
		SELECT project_id, 'note', id, 'upsert', ? FROM notes WHERE source_id = ? AND position BETWEEN ? AND ? ORDER BY id`); err != nil {
			return fmt.Errorf("store: change log: %w", mapErr(err))
		}
	}
	lo, hi := positions(ns)
	if _, err := ins.log.ExecContext(ctx, tx.now, ns[0].SourceID, lo, hi); err != nil {
		return fmt.Errorf("store: change log: %w", mapErr(err))
	}
	return nil
}

// noteInsert is the multi-row INSERT … RETURNING of n notes.
func noteInsert(n int) string {
	var q strings.Builder
	q.WriteString(`INSERT INTO notes (project_id, source_id, position, speaker, speaker_role, text, start_ms, end_ms, created_at, fields) VALUES `)
	for i := 0; i < n; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	// RETURNING's row order is not promised, so ids are matched by position.
	q.WriteString(" RETURNING id, position")
	return q.String()
}

// notePos is a written note's id, found by its position in the source.
type notePos struct {
	ID       int64 `db:"id"`
	Position int   `db:"position"`
}

// matchIDs gives each note the id written for its position.
func matchIDs(ns []*model.Note, rows []notePos) error {
	if len(rows) != len(ns) {
		return fmt.Errorf("store: add notes: %d of %d rows written", len(rows), len(ns))
	}
	byPos := make(map[int]*model.Note, len(ns))
	for _, n := range ns {
		byPos[n.Position] = n
	}
	for _, r := range rows {
		n := byPos[r.Position]
		if n == nil {
			return fmt.Errorf("store: add notes: position %d was not written here", r.Position)
		}
		n.ID = r.ID
	}
	return nil
}

// positions is the range of positions the notes take in their source.
func positions(ns []*model.Note) (lo, hi int) {
	lo, hi = ns[0].Position, ns[0].Position
	for _, n := range ns[1:] {
		lo, hi = min(lo, n.Position), max(hi, n.Position)
	}
	return lo, hi
}

// NoteTag is a tag a rule gives a new note.
type NoteTag struct{ NoteID, TagID int64 }

// TagNewNotes writes the tags that rules give new notes (a pair given
// twice is written once): on PostgreSQL by COPY, on SQLite one multi-row
// INSERT per chunk; the notes' change-log rows are already queued.
func (tx *Tx) TagNewNotes(ctx context.Context, tags []NoteTag, by int64) error {
	if tx.s.dialect == Postgres {
		return tx.copyNoteTags(ctx, tags, by)
	}
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
