package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseID reads an object's id as a request spells it (a path segment, a
// form or query value, a JSON string): a positive decimal number, space
// around it ignored. Both adapters parse ids only here, so they refuse the
// same inputs with the same field error.
func ParseID(field, raw string) (int64, error) {
	if strings.TrimSpace(raw) == "" {
		return 0, Invalid(field, RuleRequired, "%s is required", field)
	}
	return parseID(field, raw, 1)
}

// ParseOptionalID is ParseID for an id that may be left out (a cursor, a
// filter): empty and 0 mean none and give 0.
func ParseOptionalID(field, raw string) (int64, error) {
	if strings.TrimSpace(raw) == "" {
		return 0, nil
	}
	return parseID(field, raw, 0)
}

// FormatID writes an id as ParseID reads it back (the JSON and the pages
// show ids as decimal strings), so that both adapters spell ids one way.
func FormatID(id int64) string { return strconv.FormatInt(id, 10) }

// ParseIDs reads a list of ids, at most max of them, each as ParseID does.
func ParseIDs(field string, raw []string, max int) ([]int64, error) {
	if len(raw) > max {
		return nil, &FieldError{Field: field, Rule: RuleTooLong, Limit: max, Msg: fmt.Sprintf("at most %d %s", max, field)}
	}
	out := make([]int64, 0, len(raw))
	for _, s := range raw {
		id, err := ParseID(field, s)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

func parseID(field, raw string, min int64) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || id < min {
		return 0, Invalid(field, RuleFormat, "%s: %q is not a valid id", field, raw)
	}
	return id, nil
}
