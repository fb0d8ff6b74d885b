package demo

import (
	"context"
	"fmt"

	"indsigt/app"
	"indsigt/model"
)

// highlights codes spans of notes, as a researcher reading the
// transcripts closely would, through the same use cases as the web app:
// a few highlights with codes, a memo on one, and one cited as evidence of
// the insight about food for tomorrow.
func (b *builder) highlights(ctx context.Context, madNok int64) error {
	spans := []struct {
		source, phrase string
		tags           []string
	}{
		{"borgerkonference-else.txt", "bange for, at pengene og maden ikke ville slå til", []string{"Bekymring for i morgen"}},
		{"borgerkonference-else.txt", "Der var ikke altid mad nok", []string{"Minder fra barndommen"}},
		{"borgerkonference-else.txt", "Hun tæller ting i køleskabet", []string{"Natlige ture til køleskabet"}},
		{"nattevagt-uge-12.md", "åbner køleskabet", []string{"Natlige ture til køleskabet"}},
		{"nattevagt-uge-12.md", "om der er mad nok til i morgen", []string{"Bekymring for i morgen", "Natlige ture til køleskabet"}},
	}
	var made []model.Highlight
	for _, sp := range spans {
		h, err := b.highlight(ctx, sp.source, sp.phrase, sp.tags)
		if err != nil {
			return err
		}
		made = append(made, h)
	}
	last := made[len(made)-1]
	memo := app.NewMemo{Target: fmt.Sprintf("highlight:%d", last.ID), Body: "Hendes egne ord. Brug citatet, når vi fortæller om *i morgen*."}
	if _, err := b.app.CreateMemo(ctx, b.scope, memo); err != nil {
		return fmt.Errorf("memo on a highlight: %w", err)
	}
	_, err := b.app.AddEvidenceItem(ctx, b.scope, madNok, app.NewEvidence{HighlightID: last.ID, Stance: model.Supports})
	return err
}

// highlight marks the first place phrase stands in a source's notes.
func (b *builder) highlight(ctx context.Context, source, phrase string, tags []string) (model.Highlight, error) {
	ids, err := b.notes(ctx, source, phrase)
	if err != nil {
		return model.Highlight{}, err
	}
	n, err := b.s.Note(ctx, b.p.ID, ids[0])
	if err != nil {
		return model.Highlight{}, err
	}
	start, end, _ := model.FindSpan(n.Text, phrase) // notes found it there
	return b.app.CreateHighlight(ctx, b.scope, app.NewHighlight{NoteID: n.ID, Start: start, End: end, Tags: tags})
}
