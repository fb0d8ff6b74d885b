package model

import "errors"

// Sentinel errors shared by every layer; the API maps them to HTTP statuses.
var (
	ErrInvalid   = errors.New("invalid")
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
)
