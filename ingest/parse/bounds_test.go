package parse

import (
	"errors"
	"strings"
	"testing"
)

func TestNoteAndWordLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxNoteBytes, lim.MaxWordBytes, lim.MaxNotesPerFile = 100, 20, 5

	sentence := "Borgeren fortæller om køleskabet. "
	doc, err := Parse("lang.txt", []byte(strings.Repeat(sentence, 8)), lim)
	if err != nil {
		t.Fatal(err)
	}
	var joined []string
	for _, s := range doc.Segments {
		if len(s.Text) > 100 {
			t.Errorf("piece of %d bytes: %q", len(s.Text), s.Text)
		}
		if !strings.HasSuffix(s.Text, ".") {
			t.Errorf("not cut at a sentence end: %q", s.Text)
		}
		joined = append(joined, s.Text)
	}
	if got, want := strings.Join(joined, " "), strings.TrimSpace(strings.Repeat(sentence, 8)); got != want {
		t.Errorf("split lost text:\n%q\n%q", got, want)
	}
	for i, s := range doc.Segments {
		if s.Position != i {
			t.Errorf("position %d at %d", s.Position, i)
		}
	}

	for name, data := range map[string][]byte{
		"ord.txt":   []byte("kort " + strings.Repeat("ø", 11) + " ord"),
		"ord.docx":  docxOf(t, "<w:p><w:r><w:t>"+strings.Repeat("a", 15)+"</w:t></w:r><w:r><w:t>"+strings.Repeat("a", 15)+"</w:t></w:r></w:p>"),
		"mange.txt": []byte(strings.Repeat("afsnit\n\n", 6)),
		"delt.txt":  []byte(strings.Repeat(sentence, 20)), // 20 sentences in pieces of at most 100 bytes: more than 5
	} {
		_, err := Parse(name, data, lim)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", name, err)
			continue
		}
		if !strings.Contains(err.Error(), "INDSIGT_MAX_") {
			t.Errorf("%s: %q does not name the limit", name, err)
		}
	}
}

func TestSplitNoteWithoutSentences(t *testing.T) {
	text := strings.Repeat("ord ", 100)
	for _, p := range splitNote(text, 30) {
		if len(p) > 30 || strings.HasPrefix(p, " ") || strings.Contains(p, "or d") {
			t.Errorf("bad piece %q", p)
		}
	}
	if got := splitNote("æææææ", 5); strings.Join(got, "") != "æææææ" {
		t.Errorf("rune cut: %q", got)
	}
}
