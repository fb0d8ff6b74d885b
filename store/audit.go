package store

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry records who read, searched, exported or changed what. Detail
// must never carry note text: it is personal data.
type AuditEntry struct {
	ID        int64     `db:"id" json:"id,string"`
	At        time.Time `db:"at" json:"at"`
	UserID    *int64    `db:"user_id" json:"user_id,omitempty,string"`
	ProjectID *int64    `db:"project_id" json:"project_id,omitempty,string"`
	Action    string    `db:"action" json:"action"`
	Object    string    `db:"object" json:"object"`
	Detail    string    `db:"detail" json:"detail"`
}

// Audit appends to the audit log.
func (s *Store) Audit(ctx context.Context, userID, projectID int64, action, object, detail string) error {
	return audit(ctx, s.db, s.now(), userID, projectID, action, object, detail)
}

// Audit appends to the audit log inside the transaction.
func (tx *Tx) Audit(ctx context.Context, userID, projectID int64, action, object, detail string) error {
	return audit(ctx, tx.tx, tx.now, userID, projectID, action, object, detail)
}

func audit(ctx context.Context, q queryer, at time.Time, userID, projectID int64, action, object, detail string) error {
	_, err := exec(ctx, q, `INSERT INTO audit_log (at, user_id, project_id, action, object, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		at, nullID(userID), nullID(projectID), action, object, detail)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditLog lists a project's audit entries, newest first.
func (s *Store) AuditLog(ctx context.Context, projectID int64, limit int) ([]AuditEntry, error) {
	var es []AuditEntry
	err := sel(ctx, s.db, &es, `SELECT id, at, user_id, project_id, action, object, detail FROM audit_log WHERE project_id = ? ORDER BY id DESC LIMIT ?`, projectID, limit)
	return es, err
}

// nullID stores 0 as NULL: 0 means "the local operator" or "no project".
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
