package cluster

import (
	"fmt"
	"strings"
	"testing"
)

// TestCodesAreNotWords: notes that share nothing but pseudonym codes are
// not a theme, and a real theme's label never shows a code's label.
func TestCodesAreNotWords(t *testing.T) {
	var docs []Doc
	fillers := []string{"vejret var godt", "bussen kom sent", "kaffen var kold", "haven blomstrer", "katten sov længe", "radioen spillede"}
	for i := range 5 {
		// Every note mentions the same codes and otherwise one unrelated thing.
		docs = append(docs, Doc{ID: fmt.Sprint(i), SourceID: fmt.Sprint(i % 4), Participant: fmt.Sprintf("Borger-%d", i%5),
			Text: fmt.Sprintf("[Borger-1], [Telefon-2], [E-mail-1], [CPR-1]; Medarbejder-1: %s.", fillers[i%len(fillers)])})
	}
	for i := range 4 {
		docs = append(docs, Doc{ID: fmt.Sprint(100 + i), SourceID: fmt.Sprint(i % 3), Participant: fmt.Sprintf("Borger-%d", i),
			Text: fmt.Sprintf("Nummer %d savner fællesspisning i beboerhuset, fællesspisning giver selskab om aftenen", i)})
	}
	for i, other := range []string{"lægen skrev en recept", "toget var forsinket igen", "skolen holdt juleafslutning", "naboen slog græs", "butikken lukkede tidligt", "biblioteket havde åbent"} {
		docs = append(docs, Doc{ID: fmt.Sprint(200 + i), SourceID: "9", Participant: fmt.Sprintf("Borger-%d", 20+i), Text: other})
	}
	got := Suggest(docs, Options{MinParticipants: 1})
	for _, c := range got {
		for _, l := range c.Label {
			for _, bad := range []string{"borger", "telefon", "mail", "cpr", "medarbejder"} {
				if strings.HasPrefix(strings.ToLower(l), bad) {
					t.Errorf("label %v holds the code word %q", c.Label, l)
				}
			}
		}
		for _, id := range c.NoteIDs {
			if !strings.HasPrefix(id, "10") {
				t.Errorf("cluster %v holds note %s, which shares only codes with the others", c.Label, id)
				break
			}
		}
	}
	if len(got) == 0 {
		t.Fatal("the fællesspisning theme was not found")
	}
}
