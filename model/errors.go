package model

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by every layer; the HTTP adapters map them to statuses.
var (
	ErrInvalid   = errors.New("invalid")
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
)

// Rules a field can break. The web app shows the message "field.<rule>"
// from its message files; the API answers the rule's English sentence.
const (
	RuleRequired = "required" // empty
	RuleTooLong  = "too_long" // longer than Limit characters
	RuleUTF8     = "utf8"     // not valid UTF-8
	RuleFormat   = "format"   // does not have the expected shape (slug, colour, e-mail)
	RuleOneOf    = "one_of"   // not one of the allowed values
	RuleNumber   = "number"   // not a finite number
	RuleDate     = "date"     // not YYYY-MM-DD or RFC 3339
	RuleRange    = "range"    // outside the allowed range
	RuleUnknown  = "unknown"  // names something that does not exist (a user, a tag)
	RuleSame     = "same"     // repeats the current value (a phase move to the phase it is in)
	RuleTaken    = "taken"    // already used by another object (a tag name, whatever its case)
)

// FieldError says which input is wrong and which rule it breaks, so that a
// form can show a message in the page's language next to that field and the
// API can name the field. It unwraps to ErrInvalid.
type FieldError struct {
	Field string // the input's name, as the API's JSON and the form spell it
	Rule  string // one of the Rule constants
	Limit int    // the bound for RuleTooLong and RuleRange, else 0
	Msg   string // an English sentence for the API and the log
}

func (e *FieldError) Error() string { return "invalid: " + e.Msg }

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Invalid builds a FieldError with a formatted English message.
func Invalid(field, rule, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// AsFieldError finds a FieldError in err's chain.
func AsFieldError(err error) (*FieldError, bool) {
	var fe *FieldError
	ok := errors.As(err, &fe)
	return fe, ok
}
