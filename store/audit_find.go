package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// AuditFilter selects audit rows; zero fields select everything.
type AuditFilter struct {
	ProjectID int64 // 0: every project (admins)
	UserID    int64
	Action    string    // exact action, or a prefix ending in "." ("erase.")
	From, To  time.Time // From inclusive, To exclusive; zero: open
	BeforeID  int64     // paging: rows older than this id
	Limit     int
}

// AuditRow is an audit entry with the names a reader needs.
type AuditRow struct {
	AuditEntry
	Email   *string `db:"email" json:"email,omitempty"`
	Name    *string `db:"name" json:"name,omitempty"`
	Project *string `db:"slug" json:"project,omitempty"`
}

// FindAudit lists audit rows newest first.
func (s *Store) FindAudit(ctx context.Context, f AuditFilter) ([]AuditRow, error) {
	var where []string
	var args []any
	add := func(cond string, v any) { where = append(where, cond); args = append(args, v) }
	if f.ProjectID != 0 {
		add("a.project_id = ?", f.ProjectID)
	}
	if f.UserID != 0 {
		add("a.user_id = ?", f.UserID)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			add("a.action LIKE ?", strings.NewReplacer("%", "", "_", "").Replace(f.Action)+"%")
		} else {
			add("a.action = ?", f.Action)
		}
	}
	if !f.From.IsZero() {
		add("a.at >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("a.at < ?", f.To)
	}
	if f.BeforeID > 0 {
		add("a.id < ?", f.BeforeID)
	}
	q := `SELECT a.id, a.at, a.user_id, a.project_id, a.action, a.object, a.detail, u.email, u.name, p.slug
		FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN projects p ON p.id = a.project_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.id DESC LIMIT ?"
	args = append(args, f.Limit)
	var rows []AuditRow
	if err := sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: find audit: %w", err)
	}
	return rows, nil
}

// TrimAudit deletes audit rows older than before and reports how many.
func (s *Store) TrimAudit(ctx context.Context, before time.Time) (int64, error) {
	res, err := exec(ctx, s.db, `DELETE FROM audit_log WHERE at < ?`, before)
	if err != nil {
		return 0, fmt.Errorf("store: trim audit: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
