package search

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestHighlightTags: a note whose highlight carries a tag is found by the
// tag (filter and query) and counted once by the tag facet, whether the
// tag is on the note, on its highlight or on both; the hit shows only the
// note's own tags.
func TestHighlightTags(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	docs := []NoteDoc{
		{ID: "1", ProjectID: "1", Text: "Hun sidder alene om aftenen", Tags: []string{"Mad"}, HighlightTags: []string{"Ensomhed"}},
		{ID: "2", ProjectID: "1", Text: "Han spiser alene", Tags: []string{"Ensomhed"}, HighlightTags: []string{"Ensomhed", "Mad"}},
		{ID: "3", ProjectID: "1", Text: "De spiser sammen", Tags: []string{"Mad"}},
	}
	if err := ix.Apply(docs, nil, []byte("cp")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		r    Request
		want []string
	}{
		{"facet filter", Request{Tags: []string{"Ensomhed"}}, []string{"1", "2"}},
		{"query", Request{Query: "tag:Ensomhed"}, []string{"1", "2"}},
		{"own tag still found", Request{Query: "tag:Mad"}, []string{"1", "2", "3"}},
		{"excluded", Request{Query: "-tag:Ensomhed"}, []string{"3"}},
	} {
		if got := ids(search(t, ix, "1", c.r)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	res := search(t, ix, "1", Request{Facets: true})
	counts := map[string]int{}
	for _, f := range res.Facets["tags"] {
		counts[f.Term] = f.Count
	}
	if counts["Ensomhed"] != 2 || counts["Mad"] != 3 {
		t.Errorf("tag facet %v, want Ensomhed 2 and Mad 3", res.Facets["tags"])
	}
	for _, h := range res.Hits {
		if h.NoteID == "1" && !slices.Equal(h.Tags, []string{"Mad"}) {
			t.Errorf("hit 1 shows tags %v, want only the note's own", h.Tags)
		}
	}
}

func TestTagFilters(t *testing.T) {
	for _, c := range []struct {
		r    Request
		want []string
	}{
		{Request{Tags: []string{"Mad"}, Query: "tag:Ensomhed alene"}, []string{"Mad", "Ensomhed"}},
		{Request{Query: "tag:A OR tag:B -tag:C"}, []string{"A", "B"}},
		{Request{Query: `tag:"rolle i hverdagen"`}, []string{"rolle i hverdagen"}},
		{Request{Query: "alene"}, nil},
	} {
		if got := c.r.TagFilters(); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.r, got, c.want)
		}
	}
}

// TestTagSpelling: a tag: value typed in another case finds the tag as
// the codebook spells it, excluded ones too.
func TestTagSpelling(t *testing.T) {
	ix := newTestIndex(t)
	if got := QueryTags(`tag:ensomhed -tag:SIKKERHED mad OR tag:x`); !slices.Equal(got, []string{"ensomhed", "SIKKERHED", "x"}) {
		t.Errorf("query tags %v", got)
	}
	spell := map[string]string{"ensomhed": "ensomhed", "mad": "mad"}
	for q, want := range map[string][]string{"tag:ENSOMHED": {"1", "2"}, "tag:Ensomhed -tag:MAD": {"2"}} {
		if got := ids(search(t, ix, "1", Request{Query: q, TagSpelling: spell})); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}
