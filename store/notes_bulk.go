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

// AddNotes stores a new source's notes and queues them for indexing, in a
// few statements instead of two round trips per note: COPY on PostgreSQL
// (see notes_bulk_pg.go), on SQLite one multi-row INSERT per chunk,
// prepared once per call. The notes get their ids; they must belong to one
// source and have distinct positions.
//
// The change log gets one row for the source, not one per note: writing
// a row per note cost a fifth of the notes' own COPY. The indexer reads
// that row as "index every note of the source", so AddNotes is for a
// source's notes as it is created (a later call would index the whole
// source again; AddNote adds one note with its own row).
func (tx *Tx) AddNotes(ctx context.Context, ns []*model.Note) error {
	if len(ns) == 0 {
		return nil
	}
	var err error
	if tx.s.dialect == Postgres {
		err = tx.copyNotes(ctx, ns)
	} else {
		err = tx.insertNotes(ctx, ns)
	}
	if err != nil {
		return err
	}
	return tx.sourceChanged(ctx, ns[0].ProjectID, ns[0].SourceID)
}

// sourceChanged queues every note of a source for indexing (see AddNotes).
func (tx *Tx) sourceChanged(ctx context.Context, projectID, sourceID int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at) VALUES (?, 'source', ?, 'upsert', ?)`, projectID, sourceID, tx.now)
	if err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return nil
}

// insertNotes is SQLite's bulk path: multi-row INSERTs of noteChunk notes.
func (tx *Tx) insertNotes(ctx context.Context, ns []*model.Note) error {
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
// statement is prepared once and reused.
type noteInserts struct {
	tx   *Tx
	full *sqlx.Stmt
}

func (ins *noteInserts) close() {
	if ins.full != nil {
		_ = ins.full.Close()
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
	return matchIDs(ns, rows)
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

// NoteTag is a tag a rule gives a new note.
type NoteTag struct{ NoteID, TagID int64 }

// TagNewNotes writes the tags that rules give new notes (a pair given
// twice is written once): on PostgreSQL by COPY, on SQLite one multi-row
// INSERT per chunk; the notes' source is already queued for indexing
// (AddNotes), and the index reads the tags when it applies that row.
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
