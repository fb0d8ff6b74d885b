package corpusgen

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

func vocabulary() map[string]bool {
	v := map[string]bool{}
	for _, l := range [][]string{nouns, verbs, adjectives, adverbs, subjects, objects, determiners, prepositions, conjunctions, questions, places} {
		for _, w := range l {
			v[strings.ToLower(w)] = true
		}
	}
	return v
}

func TestVocabulary(t *testing.T) {
	v := vocabulary()
	if len(v) < 600 {
		t.Errorf("vocabulary has %d distinct words, want at least 600", len(v))
	}
	for _, r := range "æøå" {
		found := false
		for w := range v {
			if strings.ContainsRune(w, r) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no word with %c", r)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a := Generate(7, 300)
	b := Generate(7, 300)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different corpus")
	}
	if c := Generate(8, 300); reflect.DeepEqual(a, c) {
		t.Fatal("different seeds, same corpus")
	}
}

func TestGenerateShape(t *testing.T) {
	docs := GenerateWith(1, 5000, Options{Projects: []string{"1", "2", "3"}})
	if len(docs) != 5000 {
		t.Fatalf("%d notes", len(docs))
	}
	lengths := make([]int, 0, len(docs))
	projects := map[string]int{}
	kinds := map[string]int{}
	freq := map[string]int{}
	ids := map[string]bool{}
	for _, d := range docs {
		if ids[d.ID] {
			t.Fatalf("duplicate id %s", d.ID)
		}
		ids[d.ID] = true
		n := len(strings.Fields(d.Text))
		if n < 8 || n > 120 {
			t.Errorf("note %s has %d words", d.ID, n)
		}
		lengths = append(lengths, n)
		projects[d.ProjectID]++
		kinds[d.SourceKind]++
		if d.Participant == "" || d.SourceID == "" || d.SourceTitle == "" || d.Date.IsZero() {
			t.Errorf("note %s lacks metadata: %+v", d.ID, d)
		}
		if !unicode.IsUpper([]rune(d.Text)[0]) || !strings.ContainsAny(d.Text[len(d.Text)-1:], ".?") {
			t.Errorf("note %s is not sentence-shaped: %q", d.ID, d.Text)
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
			freq[w]++
		}
	}
	sort.Ints(lengths)
	if med := lengths[len(lengths)/2]; med < 18 || med > 40 {
		t.Errorf("median length %d words, want about 28", med)
	}
	if lengths[len(lengths)*99/100] < 80 {
		t.Errorf("99th percentile %d words: tail too short for log-normal", lengths[len(lengths)*99/100])
	}
	if !(projects["1"] > projects["2"] && projects["2"] > projects["3"] && projects["3"] > 0) {
		t.Errorf("project spread %v", projects)
	}
	if len(kinds) != 4 || kinds["interview"] < kinds["test"] {
		t.Errorf("kinds %v", kinds)
	}
	// Zipf-like: the most frequent word is far more common than the median one.
	counts := make([]int, 0, len(freq))
	for _, c := range freq {
		counts = append(counts, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if counts[0] < 20*counts[len(counts)/2] {
		t.Errorf("flat word distribution: top %d, median %d", counts[0], counts[len(counts)/2])
	}
	if len(freq) < 500 {
		t.Errorf("only %d distinct words used", len(freq))
	}
}
