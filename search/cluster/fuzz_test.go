package cluster

import (
	"strings"
	"testing"
)

// FuzzSuggest feeds arbitrary text through analysis and clustering and
// checks the structural promises of the result.
func FuzzSuggest(f *testing.F) {
	f.Add("Han åbner køleskabet om natten.", "musik og sang i terapien", "køleskabet er tomt om natten", 0.1)
	f.Add("", "og i jeg", "\x00\xff", 0.5)
	f.Add("P07 12 34", "ÆØÅ æøå ÆØÅ", "æøå æøå", 0.01)
	f.Fuzz(func(t *testing.T, a, b, c string, threshold float64) {
		var docs []Doc
		for i, text := range []string{a, b, c, a + " " + b, b + " " + c, c + " " + a} {
			docs = append(docs, Doc{ID: string(rune('a' + i)), Text: text, Participant: string(rune('p' + i%3))})
		}
		got := Suggest(docs, Options{Threshold: threshold, MinSize: 2})
		seen := map[string]bool{}
		for _, cl := range got {
			if len(cl.NoteIDs) < 2 || cl.Participants < 1 || cl.Participants > len(cl.NoteIDs) {
				t.Fatalf("bad cluster %+v", cl)
			}
			for _, w := range cl.Label {
				if w == "" || strings.ContainsAny(w, "0123456789") {
					t.Fatalf("bad label word %q", w)
				}
			}
			for _, id := range cl.NoteIDs {
				if seen[id] {
					t.Fatalf("note %s in two clusters", id)
				}
				seen[id] = true
			}
		}
	})
}
