package store

import (
	"context"
	"fmt"
	"time"

	"indsigt/model"
)

// SavedSearch is a user's named search in a project.
type SavedSearch struct {
	ID    int64  `db:"id" json:"id,string"`
	Name  string `db:"name" json:"name"`
	Query string `db:"query" json:"query"`
	// Filters are the facet filters saved with the query.
	Filters   model.SearchFilters `db:"filters" json:"filters"`
	CreatedAt time.Time           `db:"created_at" json:"created_at"`
}

// SaveSearch stores a named search for a user, replacing one of the same
// name; the caller has checked the name, the query and the filters.
func (tx *Tx) SaveSearch(ctx context.Context, projectID, userID int64, name, query string, filters model.SearchFilters) (SavedSearch, error) {
	ss := SavedSearch{Name: name, Query: query, Filters: filters, CreatedAt: tx.now}
	err := get(ctx, tx.tx, &ss.ID, `INSERT INTO saved_searches (project_id, user_id, name, query, filters, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (project_id, user_id, name) DO UPDATE SET query = excluded.query, filters = excluded.filters RETURNING id`,
		projectID, userID, ss.Name, ss.Query, ss.Filters, ss.CreatedAt)
	if err != nil {
		return ss, fmt.Errorf("store: save search: %w", err)
	}
	return ss, nil
}

// SavedSearches lists a user's saved searches in a project.
func (s *Store) SavedSearches(ctx context.Context, projectID, userID int64) ([]SavedSearch, error) {
	var out []SavedSearch
	err := sel(ctx, s.db, &out, `SELECT id, name, query, filters, created_at FROM saved_searches WHERE project_id = ? AND user_id = ? ORDER BY name`, projectID, userID)
	if err != nil {
		return nil, fmt.Errorf("store: saved searches: %w", err)
	}
	return out, nil
}

// DeleteSavedSearch removes one of the user's saved searches.
func (tx *Tx) DeleteSavedSearch(ctx context.Context, projectID, userID, id int64) error {
	return execOne(ctx, tx.tx, "store: delete saved search", fmt.Errorf("store: saved search %d: %w", id, model.ErrNotFound),
		`DELETE FROM saved_searches WHERE id = ? AND project_id = ? AND user_id = ?`, id, projectID, userID)
}
