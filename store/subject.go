package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Citation is an insight that cites one of a participant's notes.
type Citation struct {
	InsightID int64  `db:"insight_id"`
	Title     string `db:"title"`
	Phase     string `db:"phase"`
	NoteID    int64  `db:"note_id"`
	Stance    string `db:"stance"`
}

// Reading is one audited read of a participant's note or source.
type Reading struct {
	At     time.Time `db:"at"`
	User   string    `db:"user_name"`
	Email  string    `db:"email"`
	Action string    `db:"action"`
	Object string    `db:"object"`
}

// Citations lists the insights that cite any of the notes.
func (s *Store) Citations(ctx context.Context, projectID int64, noteIDs []int64) ([]Citation, error) {
	if len(noteIDs) == 0 {
		return nil, nil
	}
	var out []Citation
	if err := selIn(ctx, s.db, &out, `SELECT i.id AS insight_id, i.title, i.phase, e.note_id, e.stance FROM evidence e JOIN insights i ON i.id = e.insight_id
		WHERE i.project_id = ? AND e.note_id IN (?) ORDER BY i.id, e.note_id`, projectID, noteIDs); err != nil {
		return nil, fmt.Errorf("store: citations: %w", err)
	}
	return out, nil
}

// ReadsOf lists who read the notes, or the sources they belong to, and
// when, from the audit log, oldest first.
func (s *Store) ReadsOf(ctx context.Context, projectID int64, noteIDs []int64) ([]Reading, error) {
	if len(noteIDs) == 0 {
		return nil, nil
	}
	var sources []int64
	if err := selIn(ctx, s.db, &sources, `SELECT DISTINCT source_id FROM notes WHERE project_id = ? AND id IN (?)`, projectID, noteIDs); err != nil {
		return nil, fmt.Errorf("store: reads: %w", err)
	}
	objects := make([]string, 0, len(noteIDs)+len(sources))
	for _, id := range noteIDs {
		objects = append(objects, "note:"+strconv.FormatInt(id, 10))
	}
	for _, id := range sources {
		objects = append(objects, "source:"+strconv.FormatInt(id, 10))
	}
	var out []Reading
	if err := selIn(ctx, s.db, &out, `SELECT a.at, COALESCE(u.name, 'operator') AS user_name, COALESCE(u.email, '') AS email, a.action, a.object
		FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.project_id = ? AND a.object IN (?) AND a.action LIKE '%.read' ORDER BY a.at, a.id`, projectID, objects); err != nil {
		return nil, fmt.Errorf("store: reads: %w", err)
	}
	return out, nil
}
