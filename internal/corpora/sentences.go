package corpora

import (
	"strings"
	"testing"
)

// Sentences returns the real Danish sentences of the shared corpora: the
// Danish Dependency Treebank's dev sentences and the sentences of its NER
// training file, one string each. It skips the test when they are absent.
func Sentences(t testing.TB) []string {
	t.Helper()
	out := strings.Split(strings.TrimSpace(string(Read(t, "danish", "ddt-dev-sentences.txt"))), "\n")
	return append(out, conllSentences(string(Read(t, "ner", "da_ddt-ud-ner-train-10k.conll")))...)
}

// conllSentences joins the tokens of a CoNLL file into sentences.
func conllSentences(s string) []string {
	var out, cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		if tok, _, ok := strings.Cut(line, "\t"); ok {
			cur = append(cur, tok)
		}
	}
	return out
}
