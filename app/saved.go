package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// SavedSearch is a saved search as the store keeps it, named here so that
// the adapters reach it through the use case, not the store.
type SavedSearch = store.SavedSearch

// Bounds of a saved search.
const (
	MaxSavedSearchName  = 200
	MaxSavedSearchQuery = 500
)

// NewSavedSearch is a query and its facet filters saved under a name, for
// the actor only.
type NewSavedSearch struct {
	Name    string
	Query   string
	Filters model.SearchFilters
}

// maxSavedTags bounds the tag filters of a saved search.
const maxSavedTags = 20

// FiltersFromQuery reads the facet filters of a search URL (tag,
// source_kind, participant, phase, from, to), as the search page writes them.
func FiltersFromQuery(q url.Values) model.SearchFilters {
	f := model.SearchFilters{SourceKind: q.Get("source_kind"), Participant: q.Get("participant"),
		Phase: q.Get("phase"), From: q.Get("from"), To: q.Get("to")}
	for _, t := range q["tag"] {
		if t = strings.TrimSpace(t); t != "" {
			f.Tags = append(f.Tags, t)
		}
	}
	return f
}

// FilterQuery is the inverse of FiltersFromQuery: the URL parameters that
// reopen the search with its filters.
func FilterQuery(f model.SearchFilters) url.Values {
	q := url.Values{}
	for _, t := range f.Tags {
		q.Add("tag", t)
	}
	for k, v := range map[string]string{"source_kind": f.SourceKind, "participant": f.Participant, "phase": f.Phase, "from": f.From, "to": f.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// typedFilters passes every filter value through typed: a tag name or a
// participant is typed text like the query, and must meet the stored
// tag's pseudonymized spelling.
func (a *App) typedFilters(ctx context.Context, tx *store.Tx, s Scope, f model.SearchFilters) (model.SearchFilters, error) {
	out := model.SearchFilters{Tags: make([]string, 0, len(f.Tags))}
	for _, t := range f.Tags {
		v, err := a.typed(ctx, tx, s, t)
		if err != nil {
			return out, err
		}
		out.Tags = append(out.Tags, v)
	}
	if len(out.Tags) == 0 {
		out.Tags = nil
	}
	for _, p := range []struct{ dst, src *string }{{&out.SourceKind, &f.SourceKind}, {&out.Participant, &f.Participant},
		{&out.Phase, &f.Phase}, {&out.From, &f.From}, {&out.To, &f.To}} {
		v, err := a.typed(ctx, tx, s, *p.src)
		if err != nil {
			return out, err
		}
		*p.dst = v
	}
	return out, nil
}

// checkFilters accepts the filters the search page would accept.
func checkFilters(f model.SearchFilters) error {
	if len(f.Tags) > maxSavedTags {
		return &model.FieldError{Field: "tag", Rule: model.RuleTooLong, Limit: maxSavedTags, Msg: fmt.Sprintf("more than %d tag filters", maxSavedTags)}
	}
	for k, vs := range FilterQuery(f) {
		for _, v := range vs {
			if utf8.RuneCountInString(v) > MaxSavedSearchName {
				return &model.FieldError{Field: k, Rule: model.RuleTooLong, Limit: MaxSavedSearchName, Msg: fmt.Sprintf("%s longer than %d characters", k, MaxSavedSearchName)}
			}
		}
	}
	_, err := ParseSearch(FilterQuery(f))
	return err
}

// SaveSearch stores the actor's query and its facet filters under a name
// in the project, replacing one of the same name. Anyone who may search may save.
func (a *App) SaveSearch(ctx context.Context, s Scope, in NewSavedSearch) (SavedSearch, error) {
	var ss SavedSearch
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
		filters, err := a.typedFilters(ctx, tx, s, in.Filters)
		if err != nil {
			return err
		}
		if err := checkFilters(filters); err != nil {
			return err
		}
		if ss, err = tx.SaveSearch(ctx, s.Project.ID, s.userID(), name, query, filters); err != nil {
			return err
		}
		return audit(ctx, tx, s, "saved_search.create", target("saved_search", ss.ID), "")
	})
	return ss, err
}

// SavedSearches lists the actor's saved searches in the project.
func (a *App) SavedSearches(ctx context.Context, s Scope) ([]SavedSearch, error) {
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
