package ingest

import (
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

// suspectRows gives a note's suspects as review rows with the offsets of
// their codes in the stored text, in the order they were replaced, each
// with the text it replaced, to be sealed in the key table (the code's
// value may be more: "Anne Skov" for "Skov").
func suspectRows(n model.Note, ss []suspect, out []store.Suspect) []store.Suspect {
	from := map[string]int{}
	for _, s := range ss {
		placeholder := "[" + s.code + "]"
		i := strings.Index(n.Text[from[s.code]:], placeholder)
		if i < 0 {
			continue
		}
		start := from[s.code] + i
		from[s.code] = start + len(placeholder)
		out = append(out, store.Suspect{Span: s.span, Review: store.Review{ProjectID: n.ProjectID, SourceID: n.SourceID, NoteID: n.ID, Kind: string(s.kind),
			Pseudonym: s.code, Confidence: s.confidence, Start: start, End: start + len(placeholder)}})
	}
	return out
}
