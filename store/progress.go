package store

import (
	"context"
	"fmt"

	"indsigt/model"
)

// StuckThresholds are the project's "står stille" days per phase.
func (s *Store) StuckThresholds(ctx context.Context, projectID int64) (model.StuckThresholds, error) {
	var t model.StuckThresholds
	err := get(ctx, s.db, &t, `SELECT stale_opdag_days, stale_skab_days, stale_virk_days FROM projects WHERE id = ?`, projectID)
	if err != nil {
		return t, fmt.Errorf("store: stuck thresholds of project %d: %w", projectID, err)
	}
	return t, nil
}

// SetStuckThresholds changes the project's "står stille" days per phase.
func (tx *Tx) SetStuckThresholds(ctx context.Context, projectID int64, t model.StuckThresholds) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return execOne(ctx, tx.tx, "store: set stuck thresholds", fmt.Errorf("store: project %d: %w", projectID, model.ErrNotFound),
		`UPDATE projects SET stale_opdag_days = ?, stale_skab_days = ?, stale_virk_days = ? WHERE id = ?`,
		t.Opdag, t.Skab, t.Virk, projectID)
}

// InsightOwners names each insight's owner on the lead's board: the user
// of its latest phase event (who moved it into its phase, or created it),
// else its creator (the mover was the operator or has been deleted). An
// insight whose users are all gone has no entry.
func (s *Store) InsightOwners(ctx context.Context, projectID int64) (map[int64]model.Person, error) {
	var rows []struct {
		InsightID int64 `db:"insight_id"`
		model.Person
	}
	err := sel(ctx, s.db, &rows, `SELECT i.id AS insight_id, COALESCE(u.id, c.id) AS user_id, COALESCE(u.name, c.name) AS name
		FROM insights i
		LEFT JOIN phase_events pe ON pe.id = (SELECT MAX(p2.id) FROM phase_events p2 WHERE p2.insight_id = i.id)
		LEFT JOIN users u ON u.id = pe.by_user
		LEFT JOIN users c ON c.id = i.created_by
		WHERE i.project_id = ? AND COALESCE(u.id, c.id) IS NOT NULL`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: insight owners: %w", err)
	}
	out := make(map[int64]model.Person, len(rows))
	for _, r := range rows {
		out[r.InsightID] = r.Person
	}
	return out, nil
}

// ProjectAccess is a project and the access a user has there.
type ProjectAccess struct {
	model.Project
	model.Access
}

// ProjectsWithAccess lists the projects a user may read, with their access
// in each, by name: every project for admins (as ProjectFor grants them),
// else their memberships. leadOnly keeps the projects they lead (role
// lead) or own.
func (s *Store) ProjectsWithAccess(ctx context.Context, u model.User, leadOnly bool) ([]ProjectAccess, error) {
	var out []ProjectAccess
	if u.Role == model.RoleAdmin {
		var ps []model.Project
		if err := sel(ctx, s.db, &ps, `SELECT `+projectCols+` FROM projects p ORDER BY p.name, p.id`); err != nil {
			return nil, fmt.Errorf("store: projects with access: %w", err)
		}
		for _, p := range ps {
			out = append(out, ProjectAccess{Project: p, Access: model.Access{Role: model.RoleAdmin, Owner: true}})
		}
		return out, nil
	}
	q := `SELECT ` + projectCols + `, m.role, m.owner FROM projects p JOIN project_members m ON m.project_id = p.id WHERE m.user_id = ?`
	args := []any{u.ID}
	if leadOnly {
		q += ` AND (m.owner = ? OR m.role = ?)`
		args = append(args, true, model.RoleLead)
	}
	err := sel(ctx, s.db, &out, q+` ORDER BY p.name, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: projects with access: %w", err)
	}
	return out, nil
}

// LeadsAny reports whether a user leads or owns some project (admins lead
// every project); the web app shows the portfolio link to them.
func (s *Store) LeadsAny(ctx context.Context, u model.User) (bool, error) {
	if u.Role == model.RoleAdmin {
		return true, nil
	}
	var n int
	err := get(ctx, s.db, &n, `SELECT COUNT(*) FROM (SELECT 1 FROM project_members WHERE user_id = ? AND (owner = ? OR role = ?) LIMIT 1) x`,
		u.ID, true, model.RoleLead)
	if err != nil {
		return false, fmt.Errorf("store: leads any: %w", err)
	}
	return n > 0, nil
}
