package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

// Member reads one membership inside tx; model.ErrNotFound when the user
// is not a member of the project.
func (tx *Tx) Member(ctx context.Context, projectID, userID int64) (model.Member, error) {
	var m model.Member
	err := get(ctx, tx.tx, &m, `SELECT m.project_id, m.user_id, u.email, u.name, m.role, m.owner FROM project_members m
		JOIN users u ON u.id = m.user_id WHERE m.project_id = ? AND m.user_id = ?`, projectID, userID)
	if err != nil {
		return m, fmt.Errorf("store: member %d: %w", userID, err)
	}
	return m, nil
}

// Owners counts the project's owners inside tx.
func (tx *Tx) Owners(ctx context.Context, projectID int64) (int, error) {
	var n int
	if err := get(ctx, tx.tx, &n, `SELECT COUNT(*) FROM project_members WHERE project_id = ? AND owner = ?`, projectID, true); err != nil {
		return 0, fmt.Errorf("store: owners: %w", err)
	}
	return n, nil
}

// RemoveMember ends a user's membership in a project.
func (tx *Tx) RemoveMember(ctx context.Context, projectID, userID int64) error {
	if _, err := exec(ctx, tx.tx, `DELETE FROM project_members WHERE project_id = ? AND user_id = ?`, projectID, userID); err != nil {
		return fmt.Errorf("store: remove member: %w", err)
	}
	return nil
}

// SetMemberRole changes a member's role in a project.
func (tx *Tx) SetMemberRole(ctx context.Context, projectID, userID int64, role model.Role) error {
	if _, err := model.ParseRole(string(role)); err != nil {
		return err
	}
	if _, err := exec(ctx, tx.tx, `UPDATE project_members SET role = ? WHERE project_id = ? AND user_id = ?`, role, projectID, userID); err != nil {
		return fmt.Errorf("store: member role: %w", err)
	}
	return nil
}
