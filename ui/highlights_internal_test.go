package ui

import (
	"strings"
	"testing"

	"indsigt/model"
)

// TestPieces: the pieces of a note read as its text whatever the spans
// (overlapping, touching, past the end, after an emoji), and each piece
// names the highlights that cover it with their tags.
func TestPieces(t *testing.T) {
	const text = "Om natten 🌙 åbner jeg køleskabet."
	hs := []model.Highlight{
		{ID: 1, Start: 3, End: 9, Tags: []string{"nat"}},        // natten
		{ID: 2, Start: 12, End: 32, Tags: []string{"kontrol"}},  // åbner jeg køleskabet
		{ID: 3, Start: 22, End: 99, Tags: []string{"køleskab"}}, // køleskabet., past the end
	}
	ps := pieces(text, hs)
	var b strings.Builder
	got := map[string]textPiece{}
	for _, p := range ps {
		b.WriteString(p.Text)
		got[p.Text] = p
	}
	if b.String() != text {
		t.Fatalf("pieces read %q", b.String())
	}
	for _, c := range []struct {
		text, ids, title string
	}{
		{"Om ", "", ""},
		{"natten", "1", "nat"},
		{"åbner jeg ", "2", "kontrol"},
		{"køleskabet", "2 3", "kontrol, køleskab"},
		{".", "3", "køleskab"},
	} {
		p, ok := got[c.text]
		if !ok || p.IDs != c.ids || p.Title != c.title {
			t.Errorf("piece %q: %+v (found %v), want ids %q title %q", c.text, p, ok, c.ids, c.title)
		}
	}
	if ps := pieces("", hs); len(ps) != 0 {
		t.Errorf("empty text: %+v", ps)
	}
}
