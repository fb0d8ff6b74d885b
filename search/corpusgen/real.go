package corpusgen

import (
	"math/rand/v2"
	"sort"
	"strings"

	"indsigt/search"
)

// WithSentences returns n notes shaped by opts whose metadata (sources,
// dates, tags, kinds, speakers) is GenerateWith's and whose text is two or
// three of the given sentences, drawn with seed: real language where
// relevance and highlighting depend on it, the same for the same inputs.
func WithSentences(seed int64, n int, opts Options, sentences []string) []search.NoteDoc {
	docs := GenerateWith(seed, n, opts)
	r := rand.New(rand.NewPCG(uint64(seed), 14))
	for i := range docs {
		parts := make([]string, 2+r.IntN(2))
		for j := range parts {
			parts[j] = sentences[r.IntN(len(sentences))]
		}
		docs[i].Text = strings.Join(parts, " ")
	}
	return docs
}

// FrequentWords picks up to n words of five letters or more that occur in
// 1–10 % of the notes, the most frequent first: frequent enough to have
// many hits, rare enough to mean something.
func FrequentWords(docs []search.NoteDoc, n int) []string {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), notLetter) {
			if len([]rune(w)) >= 5 && !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	var ws []string
	for w, c := range df {
		if c >= len(docs)/100 && c <= len(docs)/10 {
			ws = append(ws, w)
		}
	}
	sort.Slice(ws, func(i, j int) bool { return df[ws[i]] > df[ws[j]] || df[ws[i]] == df[ws[j]] && ws[i] < ws[j] })
	return ws[:min(n, len(ws))]
}

func notLetter(r rune) bool { return !(r >= 'a' && r <= 'z' || r == 'æ' || r == 'ø' || r == 'å') }
