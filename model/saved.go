package model

import (
	"database/sql/driver"
	"encoding/json"
)

// SearchFilters are the facet filters of a saved search, beside its query:
// tags, source kind, participant, phase and a date range (YYYY-MM-DD).
// Stored as a JSON object; empty fields are left out.
type SearchFilters struct {
	Tags        []string `json:"tags,omitempty"`
	SourceKind  string   `json:"source_kind,omitempty"`
	Participant string   `json:"participant,omitempty"`
	Phase       string   `json:"phase,omitempty"`
	From        string   `json:"from,omitempty"`
	To          string   `json:"to,omitempty"`
}

// Value stores the filters as JSON.
func (f SearchFilters) Value() (driver.Value, error) {
	b, err := json.Marshal(f)
	return string(b), err
}

// Scan reads the filters from JSON.
func (f *SearchFilters) Scan(src any) error {
	*f = SearchFilters{}
	return scanJSON(src, "search filters", f)
}
