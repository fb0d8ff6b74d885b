package search_test

import (
	"path/filepath"
	"slices"
	"testing"

	"indsigt/search"
	"indsigt/search/corpusgen"
)

// TestFirstPageOrderIsExact: the first relevance page, sorted by score
// alone and tie-broken afterwards, holds the same notes in the same order
// as the full sort (which IDsOnly and later pages use), and its cursor
// continues without a gap or a repeat.
func TestFirstPageOrderIsExact(t *testing.T) {
	ix, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ix.Close() }()
	docs := corpusgen.Generate(5, 3000)
	// Identical notes tie exactly.
	for i := range 30 {
		d := docs[i]
		d.ID = "9" + d.ID
		d.Text = "Borgeren savner fællesspisning om aftenen."
		docs = append(docs, d)
	}
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	ids := func(hs []search.Hit) []string {
		out := make([]string, len(hs))
		for i, h := range hs {
			out[i] = h.NoteID
		}
		return out
	}
	for _, q := range []string{"fællesspisning", "aftenen", "hjemmehjælpen", "tryghed", "borgeren hjælp", `"mad nok"`, "pårør*", "kind:interview"} {
		for _, limit := range []int{1, 5, 10, 25} {
			fast, err := ix.Search("1", search.Request{Query: q, Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			exact, err := ix.Search("1", search.Request{Query: q, Limit: limit, IDsOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			// Equal unless the page ends inside a tie, where the notes of
			// the tie on the page may differ; the scores may not.
			tied := len(exact.Hits) > 0 && exact.NextCursor != "" && fast.Hits[len(fast.Hits)-1].Score == exact.Hits[len(exact.Hits)-1].Score
			if !tied && !slices.Equal(ids(fast.Hits), ids(exact.Hits)) {
				t.Errorf("%q limit %d: first page %v, full sort %v", q, limit, ids(fast.Hits), ids(exact.Hits))
			}
			for i := range fast.Hits {
				if fast.Hits[i].Score != exact.Hits[i].Score {
					t.Errorf("%q limit %d: score %d: %v, full sort %v", q, limit, i, fast.Hits[i].Score, exact.Hits[i].Score)
				}
			}
			// All pages together: every hit once, also when a page ends
			// inside a tie.
			seen := map[string]bool{}
			cur := ""
			for {
				res, err := ix.Search("1", search.Request{Query: q, Limit: limit, Cursor: cur})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					if seen[h.NoteID] {
						t.Fatalf("%q: %s twice", q, h.NoteID)
					}
					seen[h.NoteID] = true
				}
				if cur = res.NextCursor; cur == "" {
					if uint64(len(seen)) != res.Total {
						t.Errorf("%q: paged %d of %d", q, len(seen), res.Total)
					}
					break
				}
			}
		}
	}
}
