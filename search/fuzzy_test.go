package search_test

import (
	"path/filepath"
	"slices"
	"testing"

	"indsigt/search"
	"indsigt/search/corpusgen"
)

// allHits pages through every hit of q in relevance order.
func allHits(t *testing.T, ix *search.Index, q string) []search.Hit {
	t.Helper()
	var out []search.Hit
	cur := ""
	for {
		res, err := ix.Search("1", search.Request{Query: q, Limit: search.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		out = append(out, res.Hits...)
		if res.NextCursor == "" {
			return out
		}
		cur = res.NextCursor
	}
}

// TestFuzzyKeepsPrecision checks on a generated corpus that the fuzzy
// alternative of long words ranks every exact (stemmed) match above every
// fuzzy-only match, and adds at most as many notes as the exact matches.
func TestFuzzyKeepsPrecision(t *testing.T) {
	ix, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ix.Close() }()
	if err := ix.Apply(corpusgen.Generate(11, 3000), nil, nil); err != nil {
		t.Fatal(err)
	}
	words := []string{"hjemmehjælpen", "svømmehallen", "rehabilitering", "selvstændighed", "genoptræningen",
		"sagsbehandleren", "medarbejderne", "fællesskabet", "bekymringer", "pårørende", "træthed", "hverdagen"}
	for _, w := range words {
		// A one-word phrase is an exact match on the stem, without fuzziness.
		exact := map[string]bool{}
		for _, h := range allHits(t, ix, `"`+w+`"`) {
			exact[h.NoteID] = true
		}
		hits := allHits(t, ix, w)
		if len(exact) == 0 {
			t.Errorf("%s: no exact matches in the corpus", w)
			continue
		}
		for i, h := range hits {
			if i < len(exact) != exact[h.NoteID] {
				t.Errorf("%s: hit %d (note %s, exact %v) out of place: fuzzy match ranks above an exact one", w, i, h.NoteID, exact[h.NoteID])
				break
			}
		}
		if extra := len(hits) - len(exact); extra > len(exact) {
			t.Errorf("%s: fuzzy adds %d notes to %d exact matches", w, extra, len(exact))
		}
		t.Logf("%s: %d exact, %d with fuzzy", w, len(exact), len(hits))
	}
	// Typos find what the right spelling finds.
	for typo, right := range map[string]string{"hjemmehjælpn": "hjemmehjælpen", "svømmehalen": "svømmehallen", "sagsbehandlerne": "sagsbehandleren", "selvstændihed": "selvstændighed"} {
		got, want := hitIDs(allHits(t, ix, typo)), hitIDs(allHits(t, ix, `"`+right+`"`))
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("typo %q: %d hits, %q has %d", typo, len(got), right, len(want))
		}
	}
}

func hitIDs(hits []search.Hit) []string {
	out := make([]string, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.NoteID)
	}
	slices.Sort(out)
	return out
}
