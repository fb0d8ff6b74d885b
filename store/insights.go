package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"indsigt/model"
)

const insightCols = `i.id, i.project_id, i.title, i.statement, i.phase, i.phase_changed_at, i.created_at,
	(SELECT COUNT(*) FROM evidence e WHERE e.insight_id = i.id) AS evidence_count`

// CreateInsight stores an insight in phase opdag with its evidence notes
// and the first entry of its phase history.
func (tx *Tx) CreateInsight(ctx context.Context, in model.Insight, noteIDs []int64, by int64) (model.Insight, error) {
	in.Title, in.Statement = strings.TrimSpace(in.Title), strings.TrimSpace(in.Statement)
	if err := in.Validate(); err != nil {
		return in, err
	}
	in.Phase, in.PhaseChangedAt, in.CreatedAt = model.PhaseOpdag, tx.now, tx.now
	err := get(ctx, tx.tx, &in.ID, `INSERT INTO insights (project_id, title, statement, phase, phase_changed_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, in.ProjectID, in.Title, in.Statement, in.Phase, tx.now, nullID(by), tx.now, tx.now)
	if err != nil {
		return in, fmt.Errorf("store: create insight: %w", err)
	}
	if _, err := exec(ctx, tx.tx, `INSERT INTO phase_events (insight_id, from_phase, to_phase, reason, by_user, at) VALUES (?, NULL, ?, ?, ?, ?)`,
		in.ID, in.Phase, "Indsigt oprettet", nullID(by), tx.now); err != nil {
		return in, fmt.Errorf("store: phase event: %w", err)
	}
	for _, n := range noteIDs {
		if err := tx.addEvidence(ctx, in.ProjectID, in.ID, n, 0, model.Supports, by); err != nil {
			return in, err
		}
	}
	in.EvidenceCount = len(noteIDs)
	return in, nil
}

// AddEvidence links a note of the same project to an insight, or changes
// its stance; evidence that is a highlight of the note stays one.
func (tx *Tx) AddEvidence(ctx context.Context, projectID, insightID, noteID int64, stance model.Stance, by int64) error {
	return tx.addEvidence(ctx, projectID, insightID, noteID, 0, stance, by)
}

// AddHighlightEvidence links a highlight of the project to an insight: the
// evidence row is the highlight's note, citing the highlight. A note can
// back an insight once, so this replaces the note's earlier evidence (the
// whole note, or another of its highlights).
func (tx *Tx) AddHighlightEvidence(ctx context.Context, projectID, insightID, highlightID int64, stance model.Stance, by int64) (noteID int64, err error) {
	if err := get(ctx, tx.tx, &noteID, `SELECT note_id FROM highlights WHERE id = ? AND project_id = ?`, highlightID, projectID); err != nil {
		return 0, fmt.Errorf("store: highlight %d: %w", highlightID, err)
	}
	return noteID, tx.addEvidence(ctx, projectID, insightID, noteID, highlightID, stance, by)
}

// addEvidence upserts one evidence row; highlightID 0 keeps the row's
// highlight (a new row cites the whole note).
func (tx *Tx) addEvidence(ctx context.Context, projectID, insightID, noteID, highlightID int64, stance model.Stance, by int64) error {
	if err := tx.noteInProject(ctx, projectID, noteID); err != nil {
		return err
	}
	if err := tx.insightInProject(ctx, projectID, insightID); err != nil {
		return err
	}
	_, err := exec(ctx, tx.tx, `INSERT INTO evidence (insight_id, note_id, stance, highlight_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (insight_id, note_id) DO UPDATE SET stance = excluded.stance, highlight_id = COALESCE(excluded.highlight_id, evidence.highlight_id)`,
		insightID, noteID, stance, nullID(highlightID), nullID(by), tx.now)
	if err != nil {
		return fmt.Errorf("store: add evidence: %w", err)
	}
	return tx.noteChanged(ctx, projectID, noteID)
}

// RemoveEvidence unlinks a note from an insight.
func (tx *Tx) RemoveEvidence(ctx context.Context, projectID, insightID, noteID int64) error {
	if err := tx.insightInProject(ctx, projectID, insightID); err != nil {
		return err
	}
	if err := execOne(ctx, tx.tx, "", fmt.Errorf("%w: note %d is not evidence for insight %d", model.ErrNotFound, noteID, insightID),
		`DELETE FROM evidence WHERE insight_id = ? AND note_id = ?`, insightID, noteID); err != nil {
		return err
	}
	return tx.noteChanged(ctx, projectID, noteID)
}

func (tx *Tx) insightInProject(ctx context.Context, projectID, insightID int64) error {
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM insights WHERE id = ? AND project_id = ?`, insightID, projectID); err != nil {
		return fmt.Errorf("store: insight %d: %w", insightID, err)
	}
	return nil
}

// MovePhase moves an insight to another phase, in any direction, and
// records who moved it, when and why.
func (tx *Tx) MovePhase(ctx context.Context, projectID, insightID int64, to model.Phase, reason string, by int64) (model.Insight, error) {
	var in model.Insight
	if err := get(ctx, tx.tx, &in, `SELECT `+insightCols+` FROM insights i WHERE i.id = ? AND i.project_id = ?`, insightID, projectID); err != nil {
		return in, fmt.Errorf("store: insight %d: %w", insightID, err)
	}
	move := model.PhaseMove{From: in.Phase, To: to, Reason: strings.TrimSpace(reason)}
	if err := move.Validate(); err != nil {
		return in, err
	}
	if _, err := exec(ctx, tx.tx, `UPDATE insights SET phase = ?, phase_changed_at = ?, updated_at = ? WHERE id = ?`, to, tx.now, tx.now, insightID); err != nil {
		return in, fmt.Errorf("store: move phase: %w", err)
	}
	if _, err := exec(ctx, tx.tx, `INSERT INTO phase_events (insight_id, from_phase, to_phase, reason, by_user, at) VALUES (?, ?, ?, ?, ?, ?)`,
		insightID, in.Phase, to, move.Reason, nullID(by), tx.now); err != nil {
		return in, fmt.Errorf("store: phase event: %w", err)
	}
	in.Phase, in.PhaseChangedAt = to, tx.now
	return in, tx.insightNotesChanged(ctx, projectID, insightID)
}

// UpdateInsight changes an insight's title and statement.
func (tx *Tx) UpdateInsight(ctx context.Context, in model.Insight) error {
	if err := in.Validate(); err != nil {
		return err
	}
	return execOne(ctx, tx.tx, "", fmt.Errorf("store: insight %d: %w", in.ID, model.ErrNotFound),
		`UPDATE insights SET title = ?, statement = ?, updated_at = ? WHERE id = ? AND project_id = ?`, in.Title, in.Statement, tx.now, in.ID, in.ProjectID)
}

// Insights lists a project's insights, optionally in one phase.
func (s *Store) Insights(ctx context.Context, projectID int64, phase string) ([]model.Insight, error) {
	var out []model.Insight
	q := `SELECT ` + insightCols + ` FROM insights i WHERE i.project_id = ?`
	args := []any{projectID}
	if phase != "" {
		q += ` AND i.phase = ?`
		args = append(args, phase)
	}
	if err := sel(ctx, s.db, &out, q+` ORDER BY i.id`, args...); err != nil {
		return nil, fmt.Errorf("store: insights: %w", err)
	}
	return out, nil
}

// Insight finds one insight of a project.
func (s *Store) Insight(ctx context.Context, projectID, id int64) (model.Insight, error) {
	var in model.Insight
	if err := get(ctx, s.db, &in, `SELECT `+insightCols+` FROM insights i WHERE i.id = ? AND i.project_id = ?`, id, projectID); err != nil {
		return in, fmt.Errorf("store: insight %d: %w", id, err)
	}
	return in, nil
}

// InsightEvidence lists an insight's evidence with the notes' text and,
// for evidence that is a highlight, its span and quote.
func (s *Store) InsightEvidence(ctx context.Context, insightID int64) ([]model.Evidence, error) {
	var out []model.Evidence
	err := sel(ctx, s.db, &out, `SELECT e.note_id, e.stance, n.text, n.speaker, n.source_id, s.title AS source_title,
		e.highlight_id, h.start_at, h.end_at, COALESCE(h.quote, '') AS quote
		FROM evidence e JOIN notes n ON n.id = e.note_id JOIN sources s ON s.id = n.source_id LEFT JOIN highlights h ON h.id = e.highlight_id
		WHERE e.insight_id = ? ORDER BY e.stance DESC, n.source_id, n.position`, insightID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence: %w", err)
	}
	return out, nil
}

// PhaseHistory lists an insight's phase moves, oldest first.
func (s *Store) PhaseHistory(ctx context.Context, insightID int64) ([]model.PhaseEvent, error) {
	var out []model.PhaseEvent
	err := sel(ctx, s.db, &out, `SELECT pe.id, pe.insight_id, pe.from_phase, pe.to_phase, pe.reason, COALESCE(u.name, 'indsigt') AS by_name, pe.at
		FROM phase_events pe LEFT JOIN users u ON u.id = pe.by_user WHERE pe.insight_id = ? ORDER BY pe.at, pe.id`, insightID)
	if err != nil {
		return nil, fmt.Errorf("store: phase history: %w", err)
	}
	return out, nil
}

// BackdatePhaseEvents shifts an insight's history and phase timestamps;
// only the demo uses it, to show a history that spans weeks.
func (tx *Tx) BackdatePhaseEvents(ctx context.Context, insightID int64, at []time.Time) error {
	var ids []int64
	if err := sel(ctx, tx.tx, &ids, `SELECT id FROM phase_events WHERE insight_id = ? ORDER BY id`, insightID); err != nil {
		return err
	}
	for i, id := range ids {
		if i >= len(at) {
			break
		}
		if _, err := exec(ctx, tx.tx, `UPDATE phase_events SET at = ? WHERE id = ?`, at[i], id); err != nil {
			return err
		}
	}
	last := at[min(len(at), len(ids))-1]
	_, err := exec(ctx, tx.tx, `UPDATE insights SET phase_changed_at = ?, created_at = ? WHERE id = ?`, last, at[0], insightID)
	return err
}

// EvidenceNoteIDs lists the notes of a project that back some insight.
func (s *Store) EvidenceNoteIDs(ctx context.Context, projectID int64) (map[int64]bool, error) {
	return s.evidenceIDs(ctx, projectID, "note_id")
}

// EvidenceHighlightIDs lists the highlights of a project that some insight cites.
func (s *Store) EvidenceHighlightIDs(ctx context.Context, projectID int64) (map[int64]bool, error) {
	return s.evidenceIDs(ctx, projectID, "highlight_id")
}

// evidenceIDs reads one column of the project's evidence (a constant of
// this file, never input).
func (s *Store) evidenceIDs(ctx context.Context, projectID int64, column string) (map[int64]bool, error) {
	var ids []int64
	err := sel(ctx, s.db, &ids, `SELECT DISTINCT e.`+column+` FROM evidence e JOIN insights i ON i.id = e.insight_id WHERE i.project_id = ? AND e.`+column+` IS NOT NULL`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence %s: %w", column, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// TagInsight links a tag (created if needed) to an insight.
func (tx *Tx) TagInsight(ctx context.Context, projectID, insightID int64, tag string, by int64) error {
	if err := tx.insightInProject(ctx, projectID, insightID); err != nil {
		return err
	}
	tagID, err := tx.EnsureTag(ctx, projectID, tag, by)
	if err != nil {
		return err
	}
	_, err = exec(ctx, tx.tx, `INSERT INTO insight_tags (insight_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, insightID, tagID)
	return err
}

// Insight finds one insight of a project inside the transaction.
func (tx *Tx) Insight(ctx context.Context, projectID, id int64) (model.Insight, error) {
	var in model.Insight
	if err := get(ctx, tx.tx, &in, `SELECT `+insightCols+` FROM insights i WHERE i.id = ? AND i.project_id = ?`, id, projectID); err != nil {
		return in, fmt.Errorf("store: insight %d: %w", id, err)
	}
	return in, nil
}
