package pii

import (
	"strings"
	"testing"

	"indsigt/internal/corpora"
)

// TestDanishCorpusFalsePositives runs Find over real Danish news and fiction
// sentences (UD Danish-DDT), which contain dates, times, amounts, years and
// scores but no CPR or phone numbers and no e-mail addresses. (Names are
// measured on the annotated NER files, see ner_test.go.)
func TestDanishCorpusFalsePositives(t *testing.T) {
	raw := corpora.Read(t, "danish", "ddt-dev-sentences.txt")
	f := NewFinder(nil)
	withDigits := 0
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.ContainsAny(line, "0123456789") {
			withDigits++
		}
		for _, m := range f.Find(line) {
			if m.Kind == Person || m.Kind == Address {
				continue
			}
			t.Errorf("false positive: %s %q", m.Kind, line[m.Start:m.End])
		}
	}
	if withDigits < 50 {
		t.Errorf("only %d corpus lines have digits: the corpus no longer tests numbers", withDigits)
	}
}
