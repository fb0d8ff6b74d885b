package ingest

import (
	"context"
	"strings"

	"indsigt/ingest/pii"
	"indsigt/store"
)

// Typed pseudonymizes text that a person typed into a form or an API field
// (an insight's statement, a reason, a test's result, a comment, a tag, a
// saved search's name), inside the caller's transaction and with the
// project's codes: a name already coded in the project gets its existing
// code, and new personal data a new one, exactly as in an upload.
func Typed(ctx context.Context, tx *store.Tx, projectID int64, text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil
	}
	names, err := tx.KnownNames(ctx, projectID)
	if err != nil {
		return "", err
	}
	w := &writer{tx: tx, project: projectID, names: names, finder: pii.NewFinder(names), codes: map[string]string{}}
	return w.clean(ctx, text)
}
