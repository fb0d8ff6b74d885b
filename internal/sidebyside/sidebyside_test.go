package sidebyside_test

import (
	"slices"
	"testing"

	"indsigt/internal/barebleve"
	"indsigt/internal/corpora"
	"indsigt/search"
)

// TestSmallCorpus runs the benchmark's setup and checks on a few hundred
// notes, so that CI catches a broken harness without running the
// benchmark: every stored note reached each engine, and by date they give
// the same top ten dates.
func TestSmallCorpus(t *testing.T) {
	docs := realNotes(corpora.Sentences(t), 300)
	e := build(t, docs)
	if len(e.docs) < len(docs) {
		t.Fatalf("stored %d notes of %d", len(e.docs), len(docs))
	}
	if n, err := e.bare.DocCount(); err != nil || n != uint64(len(e.docs)) {
		t.Fatalf("bare index holds %d of %d notes: %v", n, len(e.docs), err)
	}
	tagged := slices.ContainsFunc(e.docs, func(d search.NoteDoc) bool { return len(d.Tags) > 0 })
	if !tagged {
		t.Fatal("no stored note has a tag")
	}
	words := barebleve.QueryWords(docs, 3)
	if len(words) == 0 {
		t.Fatal("no query words")
	}
	for _, w := range words {
		got := map[string]answer{"bare": e.askBare(t, w, true), "http": e.askHTTP(t, w, search.SortDateDesc)}
		if e.pg != nil {
			got["pg"] = e.askPG(t, w, true)
		}
		checkDates(t, w, got)
		checkTotals(t, w, got)
		checkTotals(t, w, map[string]answer{"bare": e.askBare(t, w, false), "http": e.askHTTP(t, w, search.SortRelevance)})
	}
}
