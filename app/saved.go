package app

import (
	"context"
	"fmt"
	"unicode/utf8"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// Bounds of a saved search.
const (
	MaxSavedSearchName  = 200
	MaxSavedSearchQuery = 500
)

// NewSavedSearch is a query saved under a name, for the actor only.
type NewSavedSearch struct {
	Name  string
	Query string
}

// SaveSearch stores the actor's query under a name in the project,
// replacing one of the same name. Anyone who may search may save.
func (a *App) SaveSearch(ctx context.Context, s Scope, in NewSavedSearch) (store.SavedSearch, error) {
	var ss store.SavedSearch
	err := a.write(ctx, func(tx *store.Tx) error {
		name, err := a.typed(ctx, tx, s, in.Name)
		if err != nil {
			return err
		}
		query, err := a.typed(ctx, tx, s, in.Query)
		if err != nil {
			return err
		}
		if name == "" {
			return model.Invalid("name", model.RuleRequired, "name is required")
		}
		if utf8.RuneCountInString(name) > MaxSavedSearchName {
			return &model.FieldError{Field: "name", Rule: model.RuleTooLong, Limit: MaxSavedSearchName, Msg: fmt.Sprintf("name longer than %d characters", MaxSavedSearchName)}
		}
		if utf8.RuneCountInString(query) > MaxSavedSearchQuery {
			return &model.FieldError{Field: "query", Rule: model.RuleTooLong, Limit: MaxSavedSearchQuery, Msg: fmt.Sprintf("query longer than %d characters", MaxSavedSearchQuery)}
		}
		if _, err := search.ParseQuery(query); err != nil {
			return err
		}
		if ss, err = tx.SaveSearch(ctx, s.Project.ID, s.userID(), name, query); err != nil {
			return err
		}
		return audit(ctx, tx, s, "saved_search.create", target("saved_search", ss.ID), "")
	})
	return ss, err
}

// SavedSearches lists the actor's saved searches in the project.
func (a *App) SavedSearches(ctx context.Context, s Scope) ([]store.SavedSearch, error) {
	return orEmpty(a.Store.SavedSearches(ctx, s.Project.ID, s.userID()))
}

// DeleteSavedSearch removes one of the actor's saved searches; another
// user's is not found.
func (a *App) DeleteSavedSearch(ctx context.Context, s Scope, id int64) error {
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSavedSearch(ctx, s.Project.ID, s.userID(), id); err != nil {
			return err
		}
		return audit(ctx, tx, s, "saved_search.delete", target("saved_search", id), "")
	})
}
