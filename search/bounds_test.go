package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestQueryComplexityBound: expensive search-box text is refused with
// ErrInvalidQuery and a message that says what to change (issue 12, #8).
func TestQueryComplexityBound(t *testing.T) {
	ix := emptyIndex(t)
	var docs []NoteDoc
	for i := range 3000 {
		// Many distinct words that share the prefix "ord".
		docs = append(docs, NoteDoc{ID: fmt.Sprint(i + 1), ProjectID: "1", Text: fmt.Sprintf("ord%05dx abe%d kat", i, i)})
	}
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	var ors []string
	for i := range 50 {
		ors = append(ors, fmt.Sprintf("%c%c%c*", 'a'+i%26, 'a'+(i/26)%26, 'b'+i%7))
	}
	for q, want := range map[string]string{
		strings.Join(ors, " OR "): "too many prefix terms",
		"ord*":                    "type more letters",
		"hund~ kat~ mus~ hest~ ko~ gris~ ged~ får~ and~ gås~": "too many fuzzy terms",
	} {
		_, err := ix.Search("1", Request{Query: q})
		if !errors.Is(err, ErrInvalidQuery) || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40q: %v, want ErrInvalidQuery saying %q", q, err, want)
		}
	}
	// Within the bounds it answers.
	if res, err := ix.Search("1", Request{Query: "abe1* OR kat*"}); err != nil || res.Total != 3000 {
		t.Errorf("bounded prefixes: %v, %v", res, err)
	}
	// A deadline that has passed is a refused search, not a hang or a 500.
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := ix.SearchContext(ctx, "1", Request{Query: "kat"}); !errors.Is(err, ErrInvalidQuery) {
		t.Errorf("expired deadline: %v", err)
	}
}

func TestIDsOnly(t *testing.T) {
	ix := newTestIndex(t)
	full := search(t, ix, "1", Request{Query: "mad", Sort: SortDateDesc, Limit: 2})
	lean := search(t, ix, "1", Request{Query: "mad", Sort: SortDateDesc, Limit: 2, IDsOnly: true})
	if len(lean.Hits) != len(full.Hits) || lean.Total != full.Total || lean.NextCursor != full.NextCursor {
		t.Fatalf("ids only %+v, full %+v", lean, full)
	}
	for i, h := range lean.Hits {
		if h.NoteID != full.Hits[i].NoteID || h.Snippet != "" || h.SourceTitle != "" {
			t.Errorf("hit %d: %+v", i, h)
		}
	}
}
