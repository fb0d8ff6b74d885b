package search

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// windowCorpus is n notes spread over 300 days: "borgeren" in most,
// "hverdagen" in half, "fællesspisning" in few, tags on a tenth; every
// 97th note has no date.
func windowCorpus(n int) []NoteDoc {
	base := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	docs := make([]NoteDoc, 0, n)
	for i := range n {
		text := "Vi talte om dagen."
		switch {
		case i%40 == 0:
			text = "Borgeren savner fællesspisning om aftenen."
		case i%2 == 0:
			text = "Borgeren fortæller om hverdagen og hverdagen igen."
		case i%5 != 0:
			text = "Borgeren ringer til kommunen."
		}
		d := NoteDoc{ID: strconv.Itoa(i + 1), ProjectID: "1", SourceID: strconv.Itoa(i / 10), Text: text,
			Date: base.Add(time.Duration(i%300)*24*time.Hour + time.Duration(i)*time.Minute)}
		if i%10 == 3 {
			d.Tags = []string{"Ensomhed"}
		}
		if i%97 == 5 {
			d.Date = time.Time{}
		}
		docs = append(docs, d)
	}
	return docs
}

// setBounds lowers the window bounds for a test and puts them back after.
func setBounds(t *testing.T, bound, minimum uint64) {
	t.Helper()
	ob, om := boundCandidates, dateWindowMin
	boundCandidates, dateWindowMin = bound, minimum
	t.Cleanup(func() { boundCandidates, dateWindowMin = ob, om })
}

// pageAll pages through a search, returning the hits in order and the
// first page's result.
func pageAll(t *testing.T, ix *Index, r Request) ([]Hit, *Result) {
	t.Helper()
	var all []Hit
	var first *Result
	for pages := 0; ; pages++ {
		res := search(t, ix, "1", r)
		if first == nil {
			first = res
		}
		all = append(all, res.Hits...)
		if res.NextCursor == "" {
			return all, first
		}
		if pages > 10000 {
			t.Fatalf("%+v: the cursor does not advance", r)
		}
		r.Cursor = res.NextCursor
	}
}

func hitIDs(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.NoteID
	}
	return out
}

// TestDateWindowsPageLikeTheWholeIndex: sorted by date, windows of the
// newest (oldest) notes give the same pages as searching everything, in
// both directions, with notes without a date, after writes too.
func TestDateWindowsPageLikeTheWholeIndex(t *testing.T) {
	ix := emptyIndex(t)
	docs := windowCorpus(1500)
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	check := func(label string) {
		for _, order := range []string{SortDateDesc, SortDateAsc, SortRelevance} {
			for _, q := range []string{"borgeren", "", "tag:Ensomhed", "hverdagen kind:interview", "fællesspisning"} {
				if order == SortRelevance && q != "" && q != "tag:Ensomhed" {
					continue // scored: the next test
				}
				for _, limit := range []int{9, 100} {
					if limit == 9 && q != "borgeren" {
						continue // short pages cross many windows: one query is enough
					}
					r := Request{Query: q, Sort: order, Limit: limit}
					setBounds(t, 300, 100)
					got, first := pageAll(t, ix, r)
					setBounds(t, 1<<40, 1<<40)
					want, exact := pageAll(t, ix, r)
					if !slices.Equal(hitIDs(got), hitIDs(want)) {
						t.Fatalf("%s: %s %q limit %d: windows paged %d notes, the whole index %d, or in another order", label, order, q, limit, len(got), len(want))
					}
					if q == "borgeren" && order == SortDateDesc && !first.TotalAtLeast {
						t.Errorf("%s: %s %q: the first page was not found in a window", label, order, q)
					}
					if first.Total > exact.Total || !first.TotalAtLeast && first.Total != exact.Total {
						t.Errorf("%s: %s %q: total %d (at least %v), exact %d", label, order, q, first.Total, first.TotalAtLeast, exact.Total)
					}
				}
			}
		}
	}
	check("first")
	// A write must not leave the windows on the old dates.
	moved := docs[10]
	moved.Date = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	if err := ix.Apply([]NoteDoc{moved}, []NoteRef{{ProjectID: "1", ID: docs[20].ID}}, nil); err != nil {
		t.Fatal(err)
	}
	check("after a write")
}

// TestRelevanceBoundedOnFrequentWords: a word in more notes than the bound
// is ranked among the newest notes holding at least the bound of matches,
// with the scores the whole project gives them; paging visits each of them
// once. A rarer word is ranked exactly.
func TestRelevanceBoundedOnFrequentWords(t *testing.T) {
	ix := emptyIndex(t)
	if err := ix.Apply(windowCorpus(1500), nil, nil); err != nil {
		t.Fatal(err)
	}
	exactScores := func(q string) (map[string]float64, *Result) {
		setBounds(t, 1<<40, 1<<40)
		hits, first := pageAll(t, ix, Request{Query: q, Limit: MaxLimit})
		m := make(map[string]float64, len(hits))
		for _, h := range hits {
			m[h.NoteID] = h.Score
		}
		return m, first
	}
	for _, q := range []string{"borgeren", "borgeren kommunen"} {
		scores, exact := exactScores(q)
		setBounds(t, 300, 100)
		hits, first := pageAll(t, ix, Request{Query: q, Limit: 20})
		if !first.TotalAtLeast || first.Total < 300 || first.Total >= exact.Total {
			t.Fatalf("%q: total %d (at least %v), want a bound of at least 300 below %d", q, first.Total, first.TotalAtLeast, exact.Total)
		}
		if uint64(len(hits)) != first.Total {
			t.Errorf("%q: paged %d, counted %d", q, len(hits), first.Total)
		}
		seen := map[string]bool{}
		var oldest time.Time
		for i, h := range hits {
			if seen[h.NoteID] {
				t.Fatalf("%q: %s twice", q, h.NoteID)
			}
			seen[h.NoteID] = true
			if h.Score != scores[h.NoteID] {
				t.Errorf("%q: note %s scored %v, %v in the whole project", q, h.NoteID, h.Score, scores[h.NoteID])
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Errorf("%q: hit %d scores above the one before", q, i)
			}
			if oldest.IsZero() || h.Date.Before(oldest) {
				oldest = h.Date
			}
		}
		// The candidates are the newest matches: none outside is newer.
		for id := range scores {
			n, _ := strconv.Atoi(id)
			if !seen[id] && windowCorpus(1500)[n-1].Date.After(oldest) {
				t.Fatalf("%q: note %s is newer than the window's oldest but was left out", q, id)
			}
		}
	}
	// Under the bound: exact, as without windows.
	setBounds(t, 300, 100)
	res := search(t, ix, "1", Request{Query: "fællesspisning", Limit: 10})
	_, exact := exactScores("fællesspisning")
	if res.TotalAtLeast || res.Total != exact.Total {
		t.Errorf("fællesspisning: total %d (at least %v), want exactly %d", res.Total, res.TotalAtLeast, exact.Total)
	}
}
