package app

import (
	"context"

	"indsigt/ingest"
	"indsigt/model"
	"indsigt/store"
)

// typed is the one door for text a person types into a form or an API
// field (titles, statements, reasons, test fields, comments, tag names,
// saved-search names, purposes, memos): every use case passes such text
// through here, inside its transaction, before it is stored. Personal data
// in it is replaced by the project's codes, as in an upload.
func (a *App) typed(ctx context.Context, tx *store.Tx, s Scope, text string) (string, error) {
	if err := model.CleanText("text", text); err != nil {
		return "", err
	}
	return ingest.Typed(ctx, tx, s.Project.ID, text)
}
