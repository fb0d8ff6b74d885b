package demo_test

import (
	"context"
	"testing"

	"indsigt/auth"
	"indsigt/demo"
	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestDemoShowsTheWorkbench: the demo has memos on every kind of object
// and codes of its own, coloured and nested two levels deep, in use, and
// highlights with codes, one of them evidence of an insight.
func TestDemoShowsTheWorkbench(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	res, err := demo.Load(ctx, s, auth.New(s), ingest.New(s, parse.DefaultLimits()))
	if err != nil {
		t.Fatal(err)
	}
	memos, err := s.Memos(ctx, res.Project.ID, store.MemoFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, m := range memos {
		kinds[m.On().Kind] = true
		if m.Author == "" {
			t.Errorf("memo %d has no author", m.ID)
		}
	}
	for _, k := range []string{"insight", "note", "source", "tag", "highlight"} {
		if !kinds[k] {
			t.Errorf("no memo on a %s", k)
		}
	}
	hs, err := s.Highlights(ctx, res.Project.ID, store.HighlightFilter{})
	if err != nil || len(hs) < 3 || len(hs[0].Tags) == 0 {
		t.Errorf("demo highlights: %+v %v", hs, err)
	}
	cited, err := s.EvidenceHighlightIDs(ctx, res.Project.ID)
	if err != nil || len(cited) == 0 {
		t.Errorf("no highlight is evidence: %v", err)
	}
	tags, _ := s.Tags(ctx, res.Project.ID)
	byID := map[int64]int{}
	for i, tg := range tags {
		byID[tg.ID] = i
	}
	nested := 0
	for _, tg := range tags {
		if tg.ParentID != nil && tg.Color != "" && tg.NoteCount > 0 && tags[byID[*tg.ParentID]].Color != "" {
			nested++
		}
	}
	if nested < 3 {
		t.Errorf("%d coloured, nested codes in use, want at least 3", nested)
	}
}
