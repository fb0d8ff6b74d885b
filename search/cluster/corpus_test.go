package cluster

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"indsigt/internal/corpora"
)

// loadDDT returns the sentences as notes from 40 rotating participants.
// Only these corpus-based tests skip when shared/ is absent.
func loadDDT(t *testing.T) []Doc {
	t.Helper()
	f, err := os.Open(corpora.Path(t, "danish", "ddt-dev-sentences.txt"))
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var docs []Doc
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			i := len(docs)
			docs = append(docs, Doc{ID: fmt.Sprintf("ddt%05d", i), Text: line,
				Participant: fmt.Sprintf("P%02d", i%40), SourceID: fmt.Sprintf("S%02d", i%7)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	return docs
}

// TestSuggestRealDanish runs on real news and fiction sentences, which
// have no planted groups: it checks that the result is well formed, labels
// are words, and that the output is stable.
func TestSuggestRealDanish(t *testing.T) {
	docs := loadDDT(t)
	got := Suggest(docs, Options{})
	for _, c := range got {
		if c.Participants < DefaultMinParticipants || len(c.NoteIDs) < DefaultMinSize {
			t.Errorf("cluster %v breaks MinParticipants/MinSize", c.Label)
		}
		for _, w := range c.Label {
			if !isWord(w) {
				t.Errorf("label word %q is not a lowercase word", w)
			}
		}
	}
	if again := Suggest(docs, Options{}); !reflect.DeepEqual(again, got) {
		t.Error("second run differs")
	}
}

func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '.' {
			return false
		}
		if unicode.IsUpper(r) {
			return false
		}
	}
	return w != ""
}
