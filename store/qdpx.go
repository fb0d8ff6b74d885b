package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

// Reads and writes the REFI-QDA export and import need beyond the
// aggregates' own: who appears in which source (cases), and memos on a
// highlight (a PlainTextSelection's NoteRef).

// SourceParticipants maps each source of the project to the pseudonym
// codes of the participants linked to it, in code order.
func (s *Store) SourceParticipants(ctx context.Context, projectID int64) (map[int64][]string, error) {
	var rows []struct {
		SourceID int64  `db:"source_id"`
		Code     string `db:"code"`
	}
	err := sel(ctx, s.db, &rows, `SELECT sp.source_id, p.code FROM source_participants sp JOIN participants p ON p.id = sp.participant_id
		WHERE p.project_id = ? ORDER BY p.code, sp.source_id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: source participants: %w", err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.SourceID] = append(out[r.SourceID], r.Code)
	}
	return out, nil
}

// MemoHighlights maps each memo of the project written on a highlight to
// that highlight (such a memo also names the highlight's note).
func (s *Store) MemoHighlights(ctx context.Context, projectID int64) (map[int64]int64, error) {
	var rows []struct {
		MemoID      int64 `db:"id"`
		HighlightID int64 `db:"highlight_id"`
	}
	if err := sel(ctx, s.db, &rows, `SELECT id, highlight_id FROM memos WHERE project_id = ? AND highlight_id IS NOT NULL`, projectID); err != nil {
		return nil, fmt.Errorf("store: memo highlights: %w", err)
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.MemoID] = r.HighlightID
	}
	return out, nil
}

// CreateHighlightMemo stores a memo on a highlight of the project: on the
// highlight and its note, so that erasing the note erases the memo.
func (tx *Tx) CreateHighlightMemo(ctx context.Context, projectID, highlightID int64, body string, by int64) (model.Memo, error) {
	h, err := tx.Highlight(ctx, projectID, highlightID)
	if err != nil {
		return model.Memo{}, err
	}
	var id int64
	err = get(ctx, tx.tx, &id, `INSERT INTO memos (project_id, note_id, highlight_id, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		projectID, h.NoteID, h.ID, body, nullID(by), tx.now)
	if err != nil {
		return model.Memo{}, fmt.Errorf("store: create highlight memo: %w", err)
	}
	return tx.Memo(ctx, projectID, id)
}

// ParticipantByCode finds a participant of the project by its code.
func (tx *Tx) ParticipantByCode(ctx context.Context, projectID int64, code string) (int64, error) {
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM participants WHERE project_id = ? AND code = ?`, projectID, code); err != nil {
		return 0, fmt.Errorf("store: participant %s: %w", code, err)
	}
	return id, nil
}
