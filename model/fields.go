package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// NoteFields are a note's other columns from a table upload (Alder, Sted,
// a per-row date, the participant), already pseudonymized. Stored as a
// JSON object.
type NoteFields map[string]string

// Value stores the fields as JSON.
func (f NoteFields) Value() (driver.Value, error) {
	if len(f) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]string(f))
	return string(b), err
}

// Scan reads the fields from JSON.
func (f *NoteFields) Scan(src any) error {
	m := map[string]string{}
	if err := scanJSON(src, "note fields", &m); err != nil {
		return err
	}
	if len(m) == 0 {
		m = nil
	}
	*f = m
	return nil
}

// scanJSON reads a JSON column (text or bytes) into dst; NULL leaves dst
// as it is. what names the value in errors.
func scanJSON(src any, what string, dst any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("model: %s from %T", what, src)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return fmt.Errorf("model: %s: %w", what, err)
	}
	return nil
}
