package model

import "slices"

// oneOf is s as one of the allowed values of a field's type, or else the
// field's one_of error; format words it, with s as its one argument.
func oneOf[T ~string](field, s string, allowed []T, format string) (T, error) {
	if v := T(s); slices.Contains(allowed, v) {
		return v, nil
	}
	return "", Invalid(field, RuleOneOf, format, s)
}
