package store

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
)

const projectCols = `p.id, p.slug, p.name, p.purpose, p.retention_days, p.created_at`

// CreateProject stores a project and makes its creator (unless it is the
// operator, ID 0) the owner. Who may create projects is the caller's check.
func (tx *Tx) CreateProject(ctx context.Context, p model.Project, creator model.User) (model.Project, error) {
	p.Slug = strings.TrimSpace(p.Slug)
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.CreatedAt = tx.now
	var creatorID *int64
	if creator.ID != 0 {
		creatorID = &creator.ID
	}
	err := get(ctx, tx.tx, &p.ID, `INSERT INTO projects (slug, name, purpose, retention_days, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Slug, p.Name, p.Purpose, p.RetentionDays, creatorID, p.CreatedAt)
	if err != nil {
		if IsConflict(err) {
			return p, fmt.Errorf("%w: a project with slug %q already exists", model.ErrConflict, p.Slug)
		}
		return p, fmt.Errorf("store: create project: %w", err)
	}
	if creatorID == nil {
		return p, nil
	}
	if _, err = exec(ctx, tx.tx, `INSERT INTO project_members (project_id, user_id, role, owner) VALUES (?, ?, ?, ?)`, p.ID, creator.ID, creator.Role, true); err != nil {
		return p, fmt.Errorf("store: create project: %w", err)
	}
	return p, nil
}

// CreateProject is tx.CreateProject in a transaction of its own, for the
// fixtures of tests and benchmarks below app; the product creates
// projects through app.CreateProject, which checks and audits.
func (s *Store) CreateProject(ctx context.Context, p model.Project, creator model.User) (model.Project, error) {
	err := s.InTx(ctx, func(tx *Tx) (err error) {
		p, err = tx.CreateProject(ctx, p, creator)
		return err
	})
	return p, err
}

// ProjectsFor lists the projects a user may see: all for admins, else their memberships.
func (s *Store) ProjectsFor(ctx context.Context, u model.User, afterID int64, limit int) ([]model.Project, error) {
	var ps []model.Project
	var err error
	if u.Role == model.RoleAdmin {
		err = sel(ctx, s.db, &ps, `SELECT `+projectCols+` FROM projects p WHERE p.id > ? ORDER BY p.id LIMIT ?`, afterID, limit)
	} else {
		err = sel(ctx, s.db, &ps, `SELECT `+projectCols+` FROM projects p JOIN project_members m ON m.project_id = p.id
			WHERE m.user_id = ? AND p.id > ? ORDER BY p.id LIMIT ?`, u.ID, afterID, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("store: list projects: %w", err)
	}
	return ps, nil
}

// ProjectBySlug finds a project without checking access (operator use).
func (s *Store) ProjectBySlug(ctx context.Context, slug string) (model.Project, error) {
	var p model.Project
	if err := get(ctx, s.db, &p, `SELECT `+projectCols+` FROM projects p WHERE p.slug = ?`, slug); err != nil {
		return p, fmt.Errorf("store: project %q: %w", slug, err)
	}
	return p, nil
}

// ProjectFor finds a project the user may see and the role they act in
// there. Non-members get ErrNotFound, never a hint that the project exists.
func (s *Store) ProjectFor(ctx context.Context, u model.User, slug string) (model.Project, model.Access, error) {
	var acc model.Access
	p, err := s.ProjectBySlug(ctx, slug)
	if err != nil {
		return p, acc, err
	}
	if u.Role == model.RoleAdmin {
		return p, model.Access{Role: model.RoleAdmin, Owner: true}, nil
	}
	err = get(ctx, s.db, &acc, `SELECT role, owner FROM project_members WHERE project_id = ? AND user_id = ?`, p.ID, u.ID)
	if err != nil {
		return model.Project{}, acc, fmt.Errorf("store: project %q: %w", slug, model.ErrNotFound)
	}
	return p, acc, nil
}

// AddMember adds or updates a user's membership in a project.
func (tx *Tx) AddMember(ctx context.Context, projectID, userID int64, role model.Role) error {
	if _, err := model.ParseRole(string(role)); err != nil {
		return err
	}
	_, err := exec(ctx, tx.tx, `INSERT INTO project_members (project_id, user_id, role, owner) VALUES (?, ?, ?, ?)
		ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`, projectID, userID, role, false)
	if err != nil {
		return fmt.Errorf("store: add member: %w", err)
	}
	return nil
}

// Members lists a project's members.
func (s *Store) Members(ctx context.Context, projectID int64) ([]model.Member, error) {
	var ms []model.Member
	err := sel(ctx, s.db, &ms, `SELECT m.project_id, m.user_id, u.email, u.name, m.role, m.owner FROM project_members m
		JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.name`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: members: %w", err)
	}
	return ms, nil
}

// DeleteProject erases a project and everything in it: sources, notes,
// pseudonym keys, insights. The index follows through the change log.
func (tx *Tx) DeleteProject(ctx context.Context, projectID int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at) SELECT project_id, 'note', id, 'delete', ? FROM notes WHERE project_id = ?`, tx.now, projectID)
	if err != nil {
		return fmt.Errorf("store: delete project: %w", err)
	}
	if _, err := exec(ctx, tx.tx, `DELETE FROM projects WHERE id = ?`, projectID); err != nil {
		return fmt.Errorf("store: delete project: %w", err)
	}
	return nil
}
