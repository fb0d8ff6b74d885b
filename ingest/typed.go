package ingest

import (
	"context"
	"strings"

	"indsigt/ingest/pii"
	"indsigt/store"
)

// Pseudonymize replaces the personal data in text that a person typed (an
// insight's title or statement, a phase reason, a test's fields, a
// measurement comment, a tag, a saved search's name) inside tx, with the
// project's codes: a value already coded in the project gets its code, a
// new one a new code, exactly as on upload. names are participant names
// the caller knows, and staff those to code as Medarbejder (both may be
// nil: names are still found by capitalization and the word lists).
// The result never holds an original; the originals go to the key table.
func Pseudonymize(ctx context.Context, tx *store.Tx, projectID int64, names, staff []string, text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return text, nil
	}
	w := &writer{tx: tx, project: projectID, names: append(append([]string{}, names...), staff...), codes: map[string]string{}, staff: map[string]bool{}}
	for _, s := range staff {
		w.staff[strings.TrimSpace(s)] = true
	}
	w.finder = pii.NewFinder(w.names)
	if err := w.learnCPRs(ctx, []string{text}); err != nil {
		return "", err
	}
	return w.clean(ctx, text)
}

// Typed pseudonymizes typed text with the names already coded in the
// project (participants and staff), so that a person named in a form gets
// the code their interviews gave them.
func Typed(ctx context.Context, tx *store.Tx, projectID int64, text string) (string, error) {
	names, staff, err := tx.KnownNames(ctx, projectID)
	if err != nil {
		return "", err
	}
	out, err := Pseudonymize(ctx, tx, projectID, names, staff, text)
	return strings.TrimSpace(out), err
}
