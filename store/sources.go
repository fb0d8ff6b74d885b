package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

const sourceCols = `s.id, s.project_id, s.kind, s.title, s.filename, s.format, s.content_hash, s.occurred_on, s.place, s.interviewer, s.test_id, s.created_by, s.created_at`

// projectLockSpace is the first key of LockProject's advisory locks; the
// two-key form never meets the one-key locks of RunExclusive.
const projectLockSpace = 0x696e6473 // "inds"

// LockProject serializes writers of one project's pseudonym numbering on
// PostgreSQL; SQLite's immediate transactions already run one at a time.
// It is a transaction-scoped advisory lock, not a row lock on the project:
// every audit row and note takes FOR KEY SHARE on the project row through
// its foreign key, and FOR UPDATE held through a long upload made every
// search in the project wait for it. A second writer waits at most
// lock_timeout and then fails with ErrDatabaseBusy.
func (tx *Tx) LockProject(ctx context.Context, projectID int64) error {
	if tx.s.dialect != Postgres {
		return nil
	}
	_, err := exec(ctx, tx.tx, `SELECT pg_advisory_xact_lock(?, ?)`, projectLockSpace, int32(projectID)) // a wrapped id only shares a lock
	if err != nil {
		return fmt.Errorf("store: lock project %d: %w", projectID, err)
	}
	return nil
}

// SourceByHash finds a source with the same content in the project.
func (tx *Tx) SourceByHash(ctx context.Context, projectID int64, hash string) (model.Source, error) {
	var src model.Source
	err := get(ctx, tx.tx, &src, `SELECT `+sourceCols+`, 0 AS note_count FROM sources s WHERE s.project_id = ? AND s.content_hash = ?`, projectID, hash)
	return src, err
}

// CreateSource stores a source's metadata.
func (tx *Tx) CreateSource(ctx context.Context, src model.Source) (model.Source, error) {
	src.CreatedAt = tx.now
	err := get(ctx, tx.tx, &src.ID, `INSERT INTO sources (project_id, kind, title, filename, format, content_hash, occurred_on, place, interviewer, test_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		src.ProjectID, src.Kind, src.Title, src.Filename, src.Format, src.ContentHash, src.OccurredOn, src.Place, src.Interviewer, src.TestID, src.CreatedBy, src.CreatedAt)
	if err != nil {
		return src, fmt.Errorf("store: create source: %w", err)
	}
	return src, nil
}

// AddNote stores a note and queues it for indexing.
func (tx *Tx) AddNote(ctx context.Context, n *model.Note) error {
	n.CreatedAt = tx.now
	err := get(ctx, tx.tx, &n.ID, `INSERT INTO notes (project_id, source_id, position, speaker, speaker_role, text, start_ms, end_ms, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		n.ProjectID, n.SourceID, n.Position, n.Speaker, n.SpeakerRole, n.Text, n.StartMS, n.EndMS, n.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: add note %d: %w", n.Position, err)
	}
	return tx.noteChanged(ctx, n.ProjectID, n.ID)
}

// LinkParticipant records that a participant appears in a source.
func (tx *Tx) LinkParticipant(ctx context.Context, sourceID, participantID int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO source_participants (source_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, sourceID, participantID)
	return err
}

// Pseudonym returns the project's stable pseudonym for a personal value,
// creating it (and, for names, a participant) the first time. label is
// the pseudonym's stem, e.g. "Borger" or "CPR"; the result looks like
// "Borger-3". The original value is kept only in pseudonym_keys.
func (tx *Tx) Pseudonym(ctx context.Context, projectID int64, kind, label, value string) (code string, participantID int64, err error) {
	ring := tx.s.ring()
	hash := ring.lookup(projectID, kind, value)
	var row struct {
		Pseudonym     string `db:"pseudonym"`
		ParticipantID *int64 `db:"participant_id"`
	}
	err = get(ctx, tx.tx, &row, `SELECT pseudonym, participant_id FROM pseudonym_keys WHERE project_id = ? AND kind = ? AND value_hash = ?`, projectID, kind, hash)
	if err == nil {
		if row.ParticipantID != nil {
			participantID = *row.ParticipantID
		}
		return row.Pseudonym, participantID, nil
	}
	if !isNotFound(err) {
		return "", 0, fmt.Errorf("store: pseudonym: %w", err)
	}
	var n int
	if err := get(ctx, tx.tx, &n, `SELECT COUNT(*) FROM pseudonym_keys WHERE project_id = ? AND pseudonym LIKE ?`, projectID, label+"-%"); err != nil {
		return "", 0, fmt.Errorf("store: pseudonym: %w", err)
	}
	code = fmt.Sprintf("%s-%d", label, n+1)
	var pid *int64
	if kind == "name" {
		if err := get(ctx, tx.tx, &participantID, `INSERT INTO participants (project_id, code, created_at) VALUES (?, ?, ?) RETURNING id`, projectID, code, tx.now); err != nil {
			return "", 0, fmt.Errorf("store: participant: %w", err)
		}
		pid = &participantID
	}
	_, err = exec(ctx, tx.tx, `INSERT INTO pseudonym_keys (project_id, kind, value_hash, value, pseudonym, participant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		projectID, kind, hash, ring.seal(value, aadFor(projectID, kind, code)), code, pid, tx.now)
	if err != nil {
		return "", 0, fmt.Errorf("store: pseudonym: %w", err)
	}
	return code, participantID, nil
}

// Sources lists a project's sources with their note counts, newest first.
func (s *Store) Sources(ctx context.Context, projectID, beforeID int64, limit int) ([]model.Source, error) {
	if beforeID <= 0 {
		beforeID = 1<<62 - 1
	}
	var out []model.Source
	err := sel(ctx, s.db, &out, `SELECT `+sourceCols+`, (SELECT COUNT(*) FROM notes n WHERE n.source_id = s.id) AS note_count
		FROM sources s WHERE s.project_id = ? AND s.id < ? ORDER BY s.id DESC LIMIT ?`, projectID, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	return out, nil
}

// Source finds one source of a project.
func (s *Store) Source(ctx context.Context, projectID, id int64) (model.Source, error) {
	var src model.Source
	err := get(ctx, s.db, &src, `SELECT `+sourceCols+`, (SELECT COUNT(*) FROM notes n WHERE n.source_id = s.id) AS note_count
		FROM sources s WHERE s.project_id = ? AND s.id = ?`, projectID, id)
	if err != nil {
		return src, fmt.Errorf("store: source %d: %w", id, err)
	}
	return src, nil
}
