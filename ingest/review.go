package ingest

import (
	"context"
	"strings"

	"indsigt/ingest/pii"
	"indsigt/model"
	"indsigt/store"
)

// suspect is a match below pii.ReviewBelow that was replaced in a note's
// text: replaced like every other, and listed for a person to review
// ("Mistænkte personoplysninger"). It holds the code, never the original.
type suspect struct {
	kind       pii.Kind
	code       string
	span       string // the text replaced; sealed in the key table, never stored in clear
	confidence float64
}

// suspect collects m when it is below the review threshold and the text
// being cleaned is a note's.
func (w *writer) suspect(m pii.Match, placeholder, span string) {
	if w.suspects == nil || m.Confidence >= pii.ReviewBelow || w.err != nil {
		return
	}
	code := strings.TrimSuffix(strings.TrimPrefix(placeholder, "["), "]")
	if !strings.Contains(code, "-") {
		return // no code was given (the transaction fails anyway)
	}
	*w.suspects = append(*w.suspects, suspect{kind: m.Kind, code: code, span: span, confidence: m.Confidence})
}

// recordSuspects writes a note's suspects for review with the offsets of
// their codes in the stored text, in the order they were replaced; the
// text each replaced is sealed in the key table (the code's value may be
// more: "Anne Skov" for "Skov").
func (w *writer) recordSuspects(ctx context.Context, n model.Note, ss []suspect) error {
	from := map[string]int{}
	for _, s := range ss {
		placeholder := "[" + s.code + "]"
		i := strings.Index(n.Text[from[s.code]:], placeholder)
		if i < 0 {
			continue
		}
		start := from[s.code] + i
		from[s.code] = start + len(placeholder)
		keyID, err := w.tx.SealSpan(ctx, n.ProjectID, s.code, s.span)
		if err != nil {
			return err
		}
		err = w.tx.AddReview(ctx, store.Review{ProjectID: n.ProjectID, SourceID: n.SourceID, NoteID: n.ID, Kind: string(s.kind),
			Pseudonym: s.code, KeyID: keyID, Confidence: s.confidence, Start: start, End: start + len(placeholder)})
		if err != nil {
			return err
		}
	}
	return nil
}
