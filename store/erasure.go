package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

// Erasure counts what an erasure removed. It never carries the content:
// it is what the audit log and the answer may say.
type Erasure struct {
	Sources         int     `json:"sources"`
	Notes           int     `json:"notes"`
	Keys            int     `json:"keys"`
	Participants    int     `json:"participants"`
	FlaggedInsights []int64 `json:"-"`
}

// EraseNotes deletes notes with their tags, evidence, highlights and memos
// (the foreign keys cascade), queues their removal from the index, and
// flags the insights that lose evidence (their owners must look; an
// insight is never changed silently).
func (tx *Tx) EraseNotes(ctx context.Context, projectID int64, noteIDs []int64) (Erasure, error) {
	var e Erasure
	if len(noteIDs) == 0 {
		return e, nil
	}
	if err := selIn(ctx, tx.tx, &e.FlaggedInsights, `SELECT DISTINCT e.insight_id FROM evidence e JOIN insights i ON i.id = e.insight_id
		WHERE i.project_id = ? AND e.note_id IN (?) ORDER BY e.insight_id`, projectID, noteIDs); err != nil {
		return e, fmt.Errorf("store: erase: insights: %w", err)
	}
	if len(e.FlaggedInsights) > 0 {
		q, args, err := in(tx.tx, `UPDATE insights SET evidence_erased_at = ? WHERE project_id = ? AND id IN (?)`, tx.now, projectID, e.FlaggedInsights)
		if err != nil {
			return e, err
		}
		if _, err := exec(ctx, tx.tx, q, args...); err != nil {
			return e, fmt.Errorf("store: erase: flag insights: %w", err)
		}
	}
	for _, id := range noteIDs {
		if _, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at) VALUES (?, 'note', ?, 'delete', ?)`, projectID, id, tx.now); err != nil {
			return e, fmt.Errorf("store: erase: change log: %w", err)
		}
	}
	q, args, err := in(tx.tx, `DELETE FROM notes WHERE project_id = ? AND id IN (?)`, projectID, noteIDs)
	if err != nil {
		return e, err
	}
	res, err := exec(ctx, tx.tx, q, args...)
	if err != nil {
		return e, fmt.Errorf("store: erase notes: %w", err)
	}
	n, _ := res.RowsAffected()
	e.Notes = int(n)
	return e, nil
}

// EraseSource deletes a source and all its notes.
func (tx *Tx) EraseSource(ctx context.Context, projectID, sourceID int64) (Erasure, error) {
	var ids []int64
	if err := sel(ctx, tx.tx, &ids, `SELECT n.id FROM notes n JOIN sources s ON s.id = n.source_id WHERE s.project_id = ? AND s.id = ?`, projectID, sourceID); err != nil {
		return Erasure{}, fmt.Errorf("store: erase source: %w", err)
	}
	e, err := tx.EraseNotes(ctx, projectID, ids)
	if err != nil {
		return e, err
	}
	res, err := exec(ctx, tx.tx, `DELETE FROM sources WHERE project_id = ? AND id = ?`, projectID, sourceID)
	if err != nil {
		return e, fmt.Errorf("store: erase source: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return e, fmt.Errorf("%w: no source %d in this project", model.ErrNotFound, sourceID)
	}
	e.Sources = 1
	return e, nil
}

// ParticipantNotes lists the notes a participant speaks in or is named in
// by their code (in the text or a table column).
func (s *Store) ParticipantNotes(ctx context.Context, projectID int64, code string) ([]int64, error) {
	return participantNotes(ctx, s.db, projectID, code)
}

func participantNotes(ctx context.Context, q queryer, projectID int64, code string) ([]int64, error) {
	var ids []int64
	err := sel(ctx, q, &ids, `SELECT id FROM notes WHERE project_id = ? AND (speaker = ? OR text LIKE ? OR fields LIKE ?) ORDER BY id`,
		projectID, code, "%["+code+"]%", "%["+code+"]%")
	if err != nil {
		return nil, fmt.Errorf("store: participant notes: %w", err)
	}
	return ids, nil
}

// EraseParticipant deletes every note a participant speaks in or is named
// in, their rows in the key table and their code.
func (tx *Tx) EraseParticipant(ctx context.Context, projectID int64, code string) (Erasure, error) {
	var pid int64
	if err := get(ctx, tx.tx, &pid, `SELECT id FROM participants WHERE project_id = ? AND code = ?`, projectID, code); err != nil {
		return Erasure{}, fmt.Errorf("store: erase participant %s: %w", code, err)
	}
	ids, err := participantNotes(ctx, tx.tx, projectID, code)
	if err != nil {
		return Erasure{}, err
	}
	e, err := tx.EraseNotes(ctx, projectID, ids)
	if err != nil {
		return e, err
	}
	res, err := exec(ctx, tx.tx, `DELETE FROM pseudonym_keys WHERE project_id = ? AND (participant_id = ? OR pseudonym = ?)`, projectID, pid, code)
	if err != nil {
		return e, fmt.Errorf("store: erase participant keys: %w", err)
	}
	n, _ := res.RowsAffected()
	e.Keys = int(n)
	if _, err := exec(ctx, tx.tx, `DELETE FROM participants WHERE id = ?`, pid); err != nil {
		return e, fmt.Errorf("store: erase participant: %w", err)
	}
	e.Participants = 1
	return e, nil
}

// Scrub makes deleted rows unreadable on disk after an erasure. SQLite runs
// with secure_delete, so freed pages are zeroed; the checkpoint copies the
// WAL into the database and truncates it, so no old page survives there.
// PostgreSQL's VACUUM lets the freed tuples be overwritten; the operator's
// backups and WAL archives keep their own retention.
func (s *Store) Scrub(ctx context.Context) error {
	if s.dialect == SQLite {
		if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("store: scrub: %w", err)
		}
		return nil
	}
	// VACUUM of a large table may take longer than the pool's statement
	// budget; this connection alone goes without one.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET statement_timeout = 0`); err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `RESET statement_timeout`) }()
	// Every table that holds note text or points at a note: highlights keep
	// their span's text (quote), memos are typed about the notes.
	for _, t := range []string{"notes", "note_tags", "evidence", "sources", "pseudonym_keys", "participants", "highlights", "highlight_tags", "memos"} {
		if _, err := conn.ExecContext(ctx, `VACUUM `+t); err != nil {
			return fmt.Errorf("store: scrub %s: %w", t, err)
		}
	}
	return nil
}
