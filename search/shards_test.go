package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestDatePagingVisitsEveryNoteOnce pages through 10,000 notes by date in
// both directions. Dates repeat (a source's notes share its date) and
// differ below the second, which broke the cursor before.
func TestDatePagingVisitsEveryNoteOnce(t *testing.T) {
	ix := emptyIndex(t)
	const n = 10000
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	docs := make([]NoteDoc, 0, n)
	for i := range n {
		d := base.Add(time.Duration(i/7) * 1500 * time.Millisecond) // 7 notes per date, half-second steps
		if i%11 == 0 {
			d = d.Add(time.Duration(i) * time.Nanosecond)
		}
		docs = append(docs, NoteDoc{ID: strconv.Itoa(i + 1), ProjectID: "1", SourceID: strconv.Itoa(i / 7), Text: "Borgeren fortæller om hverdagen.", Date: d})
	}
	for c := range slices.Chunk(docs, 2000) {
		if err := ix.Apply(c, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Relevance with filters only is newest first; with words by score,
	// ties newest first; both paged the same way.
	for _, order := range []string{SortDateAsc, SortDateDesc, SortRelevance} {
		for _, q := range []string{"", "hverdagen"} {
			seen := make(map[string]bool, n)
			var prev Hit
			cur, pages := "", 0
			for {
				res := search(t, ix, "1", Request{Query: q, Sort: order, Limit: MaxLimit, Cursor: cur})
				pages++
				for _, h := range res.Hits {
					if seen[h.NoteID] {
						t.Fatalf("%s %q: note %s twice (page %d)", order, q, h.NoteID, pages)
					}
					seen[h.NoteID] = true
					if prev.NoteID != "" && (order == SortDateAsc && h.Date.Before(prev.Date) || (order == SortDateDesc || order == SortRelevance && q == "") && h.Date.After(prev.Date)) {
						t.Fatalf("%s: %v after %v", order, h.Date, prev.Date)
					}
					prev = h
				}
				if res.NextCursor == "" {
					break
				}
				cur = res.NextCursor
				if pages > n/MaxLimit+2 {
					t.Fatalf("%s %q: cursor does not advance", order, q)
				}
			}
			if len(seen) != n {
				t.Errorf("%s %q: visited %d of %d notes in %d pages", order, q, len(seen), n, pages)
			}
		}
	}
}

// TestCodesAreNotWords: a project whose notes mention citizens only
// through codes has no "borger"; the codes are participants.
func TestCodesAreNotWords(t *testing.T) {
	ix := emptyIndex(t)
	docs := []NoteDoc{
		{ID: "1", ProjectID: "7", Participant: "Medarbejder-1", Text: "[Borger-1] ringer fra [Telefon-2] om sin medicin."},
		{ID: "2", ProjectID: "7", Participant: "Borger-1", Text: "Jeg får hjælp af [Person-2], og min [E-mail-1] virker ikke."},
		{ID: "3", ProjectID: "7", Participant: "Borger-2", Text: "Hjemmeplejen kommer for sent. [CPR-1] står på brevet, skriver [Adresse-1]."},
		{ID: "4", ProjectID: "7", Participant: "Medarbejder-1", Text: "Borger-2 fortæller at Medarbejder-1 ringede."},
	}
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"borger", "borgeren", "telefon", "mail", "cpr", "adresse", "person", "medarbejder", "borg*", "telef*"} {
		if got := ids(search(t, ix, "7", Request{Query: q})); len(got) != 0 {
			t.Errorf("%q finds %v: codes were indexed as words", q, got)
		}
	}
	for q, want := range map[string][]string{
		"participant:Borger-1":      {"1", "2"},
		"participant:Borger-2":      {"3", "4"},
		"participant:Person-2":      {"2"},
		"participant:CPR-1":         {"3"},
		"[Telefon-2]":               {"1"},
		"Borger-1 medicin":          {"1"},
		"participant:Medarbejder-1": {"1", "4"},
	} {
		if got := ids(search(t, ix, "7", Request{Query: q})); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	res := search(t, ix, "7", Request{Facets: true})
	facet := map[string]int{}
	for _, f := range res.Facets["participant"] {
		facet[f.Term] = f.Count
	}
	if facet["Borger-1"] != 2 || facet["Person-2"] != 1 || facet["CPR-1"] != 0 {
		t.Errorf("participant facet %v", res.Facets["participant"])
	}
	// The hit shows the speaker and the text with its codes.
	h := search(t, ix, "7", Request{Query: "medicin"}).Hits[0]
	if h.Participant != "Medarbejder-1" || h.Snippet != "[Borger-1] ringer fra [Telefon-2] om sin <mark>medicin</mark>." {
		t.Errorf("hit %+v", h)
	}
}

// TestScoresIgnoreOtherProjects: a hit's score in one project does not move
// when another project gets notes with the same word (issue 12, finding 7),
// for searches and for more-like-this.
func TestScoresIgnoreOtherProjects(t *testing.T) {
	ix := emptyIndex(t)
	a := []NoteDoc{
		{ID: "1", ProjectID: "1", Text: "Jens Hansen savner sin hund om aftenen."},
		{ID: "2", ProjectID: "1", Text: "Hunden og aftenen er det bedste ved dagen."},
		{ID: "3", ProjectID: "1", Text: "Borgeren taler om maden på plejehjemmet."},
	}
	if err := ix.Apply(a, nil, nil); err != nil {
		t.Fatal(err)
	}
	before := search(t, ix, "1", Request{Query: "hansen"})
	mltBefore, err := ix.MoreLikeThis("1", "1", 5)
	if err != nil {
		t.Fatal(err)
	}
	var b []NoteDoc
	for i := range 200 {
		b = append(b, NoteDoc{ID: strconv.Itoa(100 + i), ProjectID: "2", Text: fmt.Sprintf("Hansen nummer %d har en hund og savner aftenen.", i)})
	}
	if err := ix.Apply(b, nil, nil); err != nil {
		t.Fatal(err)
	}
	after := search(t, ix, "1", Request{Query: "hansen"})
	if len(before.Hits) != 1 || len(after.Hits) != 1 || before.Hits[0].Score != after.Hits[0].Score {
		t.Errorf("score moved with another project's notes: %v → %v", before.Hits, after.Hits)
	}
	mltAfter, err := ix.MoreLikeThis("1", "1", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(mltBefore) != len(mltAfter) {
		t.Fatalf("more-like-this changed: %v → %v", mltBefore, mltAfter)
	}
	for i := range mltBefore {
		if mltBefore[i].NoteID != mltAfter[i].NoteID || mltBefore[i].Score != mltAfter[i].Score {
			t.Errorf("more-like-this moved: %+v → %+v", mltBefore[i], mltAfter[i])
		}
	}
	if got := search(t, ix, "2", Request{Query: "hansen"}).Total; got != 200 {
		t.Errorf("project 2: %d hits", got)
	}
}

func TestDropProjectRemovesItsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ix.Close() }()
	if err := ix.Apply(loadFixture(t), nil, []byte("cp")); err != nil {
		t.Fatal(err)
	}
	if err := ix.DropProject("2"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, projectsDir, "2")); !os.IsNotExist(err) {
		t.Errorf("shard files left: %v", err)
	}
	if res := search(t, ix, "2", Request{Query: "pårørende"}); res.Total != 0 {
		t.Errorf("dropped project still answers: %v", res.Hits)
	}
	if res := search(t, ix, "1", Request{Query: "pårørende"}); res.Total == 0 {
		t.Error("other project lost")
	}
	if err := ix.DropProject("2"); err != nil {
		t.Errorf("dropping twice: %v", err)
	}
	if err := ix.DropProject("../1"); err == nil {
		t.Error("path in project id accepted")
	}
}

// TestOpenRefusesLayout1: a single Bleve index in the directory (the layout
// before shards) is reported as a schema mismatch, which the indexer
// answers with a rebuild.
func TestOpenRefusesLayout1(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	bi, err := bleve.NewUsing(dir, bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrSchemaMismatch) {
		t.Fatalf("open of a layout-1 index: %v", err)
	}
}
