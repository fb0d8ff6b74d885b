package search

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// note is a small note of project "p".
func note(id int, text string, tags ...string) NoteDoc {
	return NoteDoc{ID: strconv.Itoa(id), ProjectID: "p", SourceID: "s" + strconv.Itoa(id%3), Text: text, Tags: tags,
		SourceKind: "interview", Participant: fmt.Sprintf("Borger-%d", id%4), Date: time.Date(2026, 1, 1+id%28, 0, 0, 0, 0, time.UTC)}
}

func apply(t *testing.T, ix *Index, ups []NoteDoc, dels ...string) uint64 {
	t.Helper()
	var refs []NoteRef
	for _, d := range dels {
		refs = append(refs, NoteRef{ProjectID: "p", ID: d})
	}
	if err := ix.Apply(ups, refs, nil); err != nil {
		t.Fatal(err)
	}
	return ix.Generation("p")
}

// since is AppendedSince with the ids sorted; it also checks that now is
// the current generation.
func since(t *testing.T, ix *Index, gen uint64) ([]string, bool) {
	t.Helper()
	ids, now, ok := ix.AppendedSince("p", gen)
	if ok && now != ix.Generation("p") {
		t.Errorf("now %d, generation %d", now, ix.Generation("p"))
	}
	slices.Sort(ids)
	return ids, ok
}

// TestAppendedSince: the history names the notes added since a
// generation, and refuses whenever a write in between did anything else.
func TestAppendedSince(t *testing.T) {
	ix := emptyIndex(t)
	g0 := ix.Generation("p")
	if ids, ok := since(t, ix, g0); !ok || len(ids) != 0 {
		t.Fatalf("nothing written: %v %v", ids, ok)
	}
	g1 := apply(t, ix, []NoteDoc{note(1, "bussen"), note(2, "bussen"), note(2, "bussen igen")})
	g2 := apply(t, ix, []NoteDoc{note(3, "toget")})
	if ids, ok := since(t, ix, g0); !ok || !slices.Equal(ids, []string{"1", "2", "3"}) {
		t.Errorf("since the start: %v %v", ids, ok)
	}
	if ids, ok := since(t, ix, g1); !ok || !slices.Equal(ids, []string{"3"}) {
		t.Errorf("since the first add: %v %v", ids, ok)
	}
	if ids, ok := since(t, ix, g2); !ok || len(ids) != 0 {
		t.Errorf("since now: %v %v", ids, ok)
	}
	if _, ok := since(t, ix, g2+12345); ok {
		t.Error("an unknown generation is known")
	}
	if _, _, ok := ix.AppendedSince("other", g2); ok {
		t.Error("another project's generation is known")
	}

	// Each write that is not a pure add ends what the history can tell.
	for _, c := range []struct {
		name  string
		write func() uint64
	}{
		{"an update of an existing note", func() uint64 { return apply(t, ix, []NoteDoc{note(1, "bussen kom")}) }},
		{"a new note with an existing one", func() uint64 { return apply(t, ix, []NoteDoc{note(20, "ny"), note(3, "toget kom")}) }},
		{"a delete", func() uint64 { return apply(t, ix, nil, "3") }},
		{"a delete of a note not indexed", func() uint64 { return apply(t, ix, nil, "99") }},
		{"a dropped project", func() uint64 {
			if err := ix.DropProject("p"); err != nil {
				t.Fatal(err)
			}
			return ix.Generation("p")
		}},
	} {
		before := ix.Generation("p")
		after := c.write()
		if _, ok := since(t, ix, before); ok {
			t.Errorf("%s: the history reaches across it", c.name)
		}
		if ids, ok := since(t, ix, after); !ok || len(ids) != 0 {
			t.Errorf("%s: since then: %v %v", c.name, ids, ok)
		}
		apply(t, ix, []NoteDoc{note(100+len(c.name), "efter")})
		if ids, ok := since(t, ix, after); !ok || !slices.Equal(ids, []string{strconv.Itoa(100 + len(c.name))}) {
			t.Errorf("%s: an add after it: %v %v", c.name, ids, ok)
		}
		if _, ok := since(t, ix, before); ok {
			t.Errorf("%s: the history reaches across it after an add", c.name)
		}
	}
}

// TestAppendedSinceBounds: the history drops its oldest writes past
// maxHistoryWrites, and a new Index on the same directory knows none of
// the old one's generations.
func TestAppendedSinceBounds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	g0 := ix.Generation("p")
	var gens []uint64
	for i := range maxHistoryWrites + 1 {
		gens = append(gens, apply(t, ix, []NoteDoc{note(i+1, "bussen")}))
	}
	if _, ok := since(t, ix, g0); ok {
		t.Error("the history reaches past its bound")
	}
	if ids, ok := since(t, ix, gens[0]); !ok || len(ids) != maxHistoryWrites {
		t.Errorf("the newest %d writes: %d ids, %v", maxHistoryWrites, len(ids), ok)
	}
	last := ix.Generation("p")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, ok := since(t, ix, last); ok {
		t.Error("a new Index knows the old one's generation")
	}
	// One write of more ids than the history holds is not kept.
	g := ix.Generation("p")
	var many []NoteDoc
	for i := range maxHistoryIDs + 1 {
		many = append(many, note(10_000+i, "mange"))
	}
	apply(t, ix, many)
	if _, ok := since(t, ix, g); ok {
		t.Error("a write past the id bound is in the history")
	}
}

// TestGenerationDuringWrite: a write changes the generation when it
// starts, and AppendedSince knows the last finished state while an add is
// under way, but not while another write is.
func TestGenerationDuringWrite(t *testing.T) {
	ix := emptyIndex(t)
	g := apply(t, ix, []NoteDoc{note(1, "bussen")})
	ix.gens.begin("p", true)
	if ix.Generation("p") == g {
		t.Error("a write under way leaves the generation")
	}
	if ids, now, ok := ix.AppendedSince("p", g); !ok || now != g || len(ids) != 0 {
		t.Errorf("an add under way: %v %d %v", ids, now, ok)
	}
	if _, _, ok := ix.AppendedSince("p", ix.Generation("p")); ok {
		t.Error("the generation of a write under way is known")
	}
	ix.gens.end("p", []string{"2"})
	ix.gens.begin("p", false)
	if _, _, ok := ix.AppendedSince("p", g); ok {
		t.Error("an update under way: known")
	}
	ix.gens.end("p", nil)
}

// TestCountAddedMerges: the counts before some adds plus CountAdded over
// the added notes are the counts after them, for every value and cut to
// the top ones as a search counts them, with filters and a query.
func TestCountAddedMerges(t *testing.T) {
	ctx := context.Background()
	ix := emptyIndex(t)
	var first []NoteDoc
	for i := 1; i <= 60; i++ {
		first = append(first, note(i, "bussen kommer", "tag"+strconv.Itoa(i%35), "fælles"))
	}
	apply(t, ix, first)
	reqs := []Request{
		{Query: "bussen", Facets: true},
		{Query: "bussen -toget", Facets: true, Participant: "Borger-1"},
		{Query: "bussen", Facets: true, Tags: []string{"fælles"}, FacetNames: []string{"tags"}},
	}
	var before []*Result
	gen := ix.Generation("p")
	for _, r := range reqs {
		r.AllFacetValues = true
		before = append(before, search(t, ix, "p", r))
	}
	// New tags that overtake values cut before, and notes that do not match.
	var added []NoteDoc
	for i := 61; i <= 90; i++ {
		added = append(added, note(i, "bussen og toget", "ny"+strconv.Itoa(i%3), "tag34"))
	}
	added = append(added, note(91, "cyklen", "ny0"))
	apply(t, ix, added)
	ids, _, ok := ix.AppendedSince("p", gen)
	if !ok || len(ids) != len(added) {
		t.Fatalf("added: %d %v", len(ids), ok)
	}
	for i, r := range reqs {
		delta, n, err := ix.CountAdded(ctx, "p", r, ids, nil)
		if err != nil {
			t.Fatal(err)
		}
		merged := MergeFacets(before[i].Facets, delta)
		all := r
		all.AllFacetValues = true
		want := search(t, ix, "p", all)
		if before[i].Total+n != want.Total {
			t.Errorf("%+v: total %d+%d, want %d", r, before[i].Total, n, want.Total)
		}
		if !reflect.DeepEqual(merged, want.Facets) {
			t.Errorf("%+v: merged\n%v\nwant\n%v", r, merged, want.Facets)
		}
		if top := search(t, ix, "p", r).Facets; !reflect.DeepEqual(TopFacets(merged), top) {
			t.Errorf("%+v: top\n%v\nwant\n%v", r, TopFacets(merged), top)
		}
	}
}

// TestCountAddedOnAWindow: a bounded search's counts (a date window of the
// newest notes) plus CountAdded on the same window are the counts of every
// note from the window's start after the adds: added notes dated before it
// are not counted.
func TestCountAddedOnAWindow(t *testing.T) {
	ctx := context.Background()
	setBounds(t, 100, 50)
	ix := emptyIndex(t)
	if err := ix.Apply(windowCorpus(2000), nil, nil); err != nil {
		t.Fatal(err)
	}
	r := Request{Query: "borgeren", Facets: true, AllFacetValues: true}
	before := search(t, ix, "1", r)
	if !before.TotalAtLeast || before.Window == nil {
		t.Fatalf("not bounded: total %d, at least %v", before.Total, before.TotalAtLeast)
	}
	gen := ix.Generation("1")
	newest := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var added []NoteDoc
	for i := range 40 {
		d := NoteDoc{ID: strconv.Itoa(5000 + i), ProjectID: "1", SourceID: "900", Text: "Borgeren fortæller om bussen.",
			Tags: []string{"ny" + strconv.Itoa(i%3)}, Date: newest.Add(time.Duration(i) * time.Hour)}
		if i%4 == 0 {
			d.Date = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // before the window
		}
		added = append(added, d)
	}
	if err := ix.Apply(added, nil, nil); err != nil {
		t.Fatal(err)
	}
	ids, _, ok := ix.AppendedSince("1", gen)
	if !ok || len(ids) != len(added) {
		t.Fatalf("added: %d %v", len(ids), ok)
	}
	delta, n, err := ix.CountAdded(ctx, "1", r, ids, before.Window)
	if err != nil {
		t.Fatal(err)
	}
	if n != 30 {
		t.Errorf("counted %d added notes in the window, want the 30 dated in it", n)
	}
	setBounds(t, 1<<62, 50) // the whole window, exactly
	all := r
	all.From = time.Unix(0, before.Window.w.edge).UTC()
	want := search(t, ix, "1", all)
	if want.TotalAtLeast || before.Total+n != want.Total {
		t.Errorf("total %d+%d, want %d (at least %v)", before.Total, n, want.Total, want.TotalAtLeast)
	}
	if merged := MergeFacets(before.Facets, delta); !reflect.DeepEqual(merged, want.Facets) {
		t.Errorf("merged\n%v\nwant\n%v", merged, want.Facets)
	}
}
