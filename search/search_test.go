package search

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSearchQueries(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"stem finds inflections", "borger", []string{"1", "2", "3"}},
		{"definite plural", "borgerne", []string{"1", "2", "3"}},
		{"pårørende finds genitive", "pårørende", []string{"3", "4"}},
		{"genitive finds base", "pårørendes", []string{"3", "4"}},
		{"æøå in query", "ældreplejen", []string{"9"}},
		{"capital æøå", "ØKONOMI", []string{"9"}},
		{"phrase in order only", `"mad nok"`, []string{"1"}},
		{"words in any order", "mad nok", []string{"1", "5", "6"}},
		{"unbalanced quote closes at end", `"mad nok`, []string{"1"}},
		{"maden stems to mad", "mad", []string{"1", "5", "6", "8"}},
		{"exclude word", "mad -aftenen -chatten", []string{"5", "6"}},
		{"exclude phrase", `mad -"mad nok" -tag:sikkerhed`, []string{"5", "6"}},
		{"tag filter", "tag:ensomhed", []string{"1", "2"}},
		{"quoted tag", `tag:"rolle i hverdagen"`, []string{"4"}},
		{"kind filter", "kind:observation", []string{"4", "7"}},
		{"kind is case-insensitive", "kind:Observation", []string{"4", "7"}},
		{"participant filter", "participant:Borger-1", []string{"1", "5"}},
		{"phase filter", "phase:skab", []string{"10", "2"}},
		{"date range", "date:2026-02-01..2026-02-28", []string{"2", "3", "8"}},
		{"date open end", "date:2026-05-01..", []string{"10", "9"}},
		{"date open start", "date:..2026-01-15", []string{"1"}},
		{"date single day", "date:2026-03-05", []string{"4"}},
		{"filter and word", "tag:mad aftenen", []string{"1"}},
		{"OR", "svømmehallen OR hjemmehjælpen", []string{"10", "7"}},
		{"prefix", "rehab*", []string{"10"}},
		{"prefix via stem", "borgern*", []string{"1", "2", "3"}},
		{"prefix of stem", "borg*", []string{"1", "2", "3"}},
		{"short prefix is a word", "mo*", []string{}},
		{"fuzzy typo", "svømmehalen", []string{"10"}},
		{"fuzzy long word typo", "rehabiliteringsforlöbet", []string{"10"}},
		{"short word has no fuzzy", "sorg", []string{}},
		{"stop words only match all", "og der", []string{"1", "10", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"empty query matches all", "", []string{"1", "10", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"unknown field is text", "project:other", []string{}},
		{"unknown field is text 2", "project_id:2", []string{}},
		{"tag of other project", "tag:x", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := search(t, ix, "1", Request{Query: tc.query, Limit: 50})
			got := ids(res)
			if !slices.Equal(got, tc.want) {
				t.Errorf("query %q: got %v, want %v", tc.query, got, tc.want)
			}
			if res.Total != uint64(len(tc.want)) {
				t.Errorf("query %q: total %d, want %d", tc.query, res.Total, len(tc.want))
			}
		})
	}
}

func TestSearchNeverCrossesProjects(t *testing.T) {
	ix := newTestIndex(t)
	queries := []string{
		"", "project:other", "project_id:2", "project_id:1", "tag:x", "hemmelig", `"mad nok"`,
		"borgeren OR hemmelig", "-borger", "participant:Borger-3", "phase:skab", "kind:interview",
		`tag:"x"`, "_id:11", "*", "hemmelig*", "other OR project",
	}
	for _, q := range queries {
		for _, p := range []string{"1", "2"} {
			res := search(t, ix, p, Request{Query: q, Limit: 200, Facets: true})
			for _, h := range res.Hits {
				inP2 := h.NoteID == "11" || h.NoteID == "12"
				if inP2 != (p == "2") {
					t.Errorf("project %s query %q returned note %s", p, q, h.NoteID)
				}
			}
		}
	}
	hits, err := ix.MoreLikeThis("1", "11", 10)
	if !errors.Is(err, ErrNotFound) || len(hits) != 0 {
		t.Errorf("MoreLikeThis across projects: %v, %v", hits, err)
	}
}

func TestSearchRequestFilters(t *testing.T) {
	ix := newTestIndex(t)
	day := func(s string) time.Time { d, _ := time.Parse(dateLayout, s); return d }
	tests := []struct {
		name string
		r    Request
		want []string
	}{
		{"tags AND", Request{Tags: []string{"mad", "ensomhed"}}, []string{"1"}},
		{"source kind", Request{SourceKind: "test"}, []string{"6"}},
		{"participant", Request{Participant: "Borger-5"}, []string{"10", "9"}},
		{"phase", Request{Phase: "opdag"}, []string{"1", "4"}},
		{"from/to", Request{From: day("2026-03-01"), To: day("2026-04-01")}, []string{"4", "5"}},
		{"query and facet filter", Request{Query: "mad", SourceKind: "interview"}, []string{"1", "5", "8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(search(t, ix, "1", tc.r)); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSearchFacets(t *testing.T) {
	ix := newTestIndex(t)
	res := search(t, ix, "1", Request{Query: "", Facets: true})
	want := map[string][]FacetCount{
		"tags": {{"mad", 3}, {"ensomhed", 2}, {"pårørende", 2}, {"hjemmehjælp", 1}, {"rehabilitering", 1},
			{"rolle i hverdagen", 1}, {"sikkerhed", 1}, {"økonomi", 1}},
		"source_kind": {{"interview", 6}, {"observation", 2}, {"test", 1}, {"workshop", 1}},
		"participant": {{"Borger-1", 2}, {"Borger-2", 2}, {"Borger-3", 2}, {"Borger-5", 2}, {"Borger-4", 1}, {"Medarbejder-1", 1}},
		"phase":       {{"opdag", 2}, {"skab", 2}, {"virk", 1}},
	}
	for k, w := range want {
		if got := res.Facets[k]; !slices.Equal(got, w) {
			t.Errorf("facet %s: got %v, want %v", k, got, w)
		}
	}
	if res := search(t, ix, "1", Request{Query: "mad"}); res.Facets != nil {
		t.Errorf("facets without asking: %v", res.Facets)
	}
	// Facets count only matching notes.
	res = search(t, ix, "1", Request{Query: "tag:mad", Facets: true})
	if got := res.Facets["source_kind"]; !slices.Equal(got, []FacetCount{{"interview", 2}, {"test", 1}}) {
		t.Errorf("facet of filtered result: %v", got)
	}
}

func TestSnippetEscapesHTML(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []string{"chatten", "tag:sikkerhed", "skrev"} {
		res := search(t, ix, "1", Request{Query: q})
		if len(res.Hits) != 1 || res.Hits[0].NoteID != "8" {
			t.Fatalf("query %q: hits %v", q, ids(res))
		}
		s := res.Hits[0].Snippet
		for _, bad := range []string{"<script", "<img", "</script"} {
			if strings.Contains(s, bad) {
				t.Errorf("query %q: snippet not escaped: %s", q, s)
			}
		}
		if !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(s, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("query %q: escaped markup missing: %s", q, s)
		}
		wantMark := q != "tag:sikkerhed"
		if strings.Contains(s, "<mark>") != wantMark {
			t.Errorf("query %q: <mark> present = %v, want %v: %s", q, !wantMark, wantMark, s)
		}
	}
}

func TestSnippetMarksAndLeadText(t *testing.T) {
	ix := newTestIndex(t)
	h := search(t, ix, "1", Request{Query: "pårørendes"}).Hits
	if len(h) != 2 {
		t.Fatalf("hits %v", h)
	}
	for _, hit := range h {
		if !strings.Contains(hit.Snippet, "<mark>") || !strings.Contains(hit.Snippet, "pårørende") {
			t.Errorf("snippet %q lacks a marked hit", hit.Snippet)
		}
	}
	long := strings.Repeat("ældre æble ", 60)
	if err := ix.Apply([]NoteDoc{{ID: "99", ProjectID: "1", Text: long, Tags: []string{"lang"}}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	res := search(t, ix, "1", Request{Query: "tag:lang"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", ids(res))
	}
	if s := res.Hits[0].Snippet; !strings.HasSuffix(s, "…") || len([]rune(s)) != snippetRunes+1 {
		t.Errorf("lead snippet %d runes: %q", len([]rune(s)), s)
	}
}

func TestHitFields(t *testing.T) {
	ix := newTestIndex(t)
	res := search(t, ix, "1", Request{Query: `tag:"rolle i hverdagen"`})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", ids(res))
	}
	h := res.Hits[0]
	want := Hit{NoteID: "4", SourceID: "s3", SourceTitle: "Observation på plejecenter", Participant: "Medarbejder-1",
		SourceKind: "observation", Date: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}
	if h.NoteID != want.NoteID || h.SourceID != want.SourceID || h.SourceTitle != want.SourceTitle ||
		h.Participant != want.Participant || h.SourceKind != want.SourceKind || !h.Date.Equal(want.Date) {
		t.Errorf("hit %+v, want %+v", h, want)
	}
	if !slices.Equal(h.Tags, []string{"pårørende", "rolle i hverdagen"}) || h.Score <= 0 {
		t.Errorf("tags %v score %v", h.Tags, h.Score)
	}
}

// Words one edit away are found when asked for (word~) or when nothing
// matches as typed, and then rank below exact matches.
func TestRelevanceRanksExactAboveFuzzy(t *testing.T) {
	ix := newTestIndex(t)
	docs := []NoteDoc{
		{ID: "50", ProjectID: "3", Text: "Svømmehallen er lukket om mandagen."},
		{ID: "51", ProjectID: "3", Text: "Svømmehaller findes i hver by."},
	}
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	res := search(t, ix, "3", Request{Query: "svømmehallen~"})
	if len(res.Hits) != 2 || res.Hits[0].NoteID != "50" || res.Hits[0].Score <= res.Hits[1].Score {
		t.Errorf("ranking %v", res.Hits)
	}
	if got := ids(search(t, ix, "3", Request{Query: "svømmehalen"})); len(got) == 0 {
		t.Error("a typo with no exact match found nothing")
	}
}

func TestSearchErrors(t *testing.T) {
	ix := newTestIndex(t)
	bad := []Request{
		{Query: strings.Repeat("a", MaxQueryChars+1)},
		{Query: strings.Repeat("ord ", MaxQueryTerms+1)},
		{Query: "date:2026-13-01"},
		{Sort: "title"},
	}
	for _, r := range bad {
		if _, err := ix.Search("1", r); !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("request %+v: err %v, want ErrInvalidQuery", r, err)
		}
	}
	for _, c := range []string{"!!!", "e30", encodeCursor(cursor{Sort: SortDateDesc, Key: dateKey(time.Now(), "1")}),
		encodeCursor(cursor{Sort: SortRelevance, Key: "x", Score: "1"}), encodeCursor(cursor{Sort: SortRelevance, Key: dateKey(time.Now(), "1"), Score: "x"}),
		encodeCursor(cursor{Sort: SortDateAsc, Key: dateKey(time.Now(), "1"), Score: "1"})} {
		if _, err := ix.Search("1", Request{Cursor: c}); !errors.Is(err, ErrBadCursor) {
			t.Errorf("cursor %q: err %v, want ErrBadCursor", c, err)
		}
	}
	if _, err := ix.Search("", Request{}); err == nil {
		t.Error("empty project accepted")
	}
}

func TestMoreLikeThis(t *testing.T) {
	ix := newTestIndex(t)
	hits, err := ix.MoreLikeThis("1", "3", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("no similar notes")
	}
	seen := map[string]bool{}
	for _, h := range hits {
		if h.NoteID == "3" || h.NoteID == "11" || h.NoteID == "12" {
			t.Errorf("unexpected hit %s", h.NoteID)
		}
		seen[h.NoteID] = true
	}
	// Note 4 shares "pårørende", the rarest shared term.
	if hits[0].NoteID != "4" && !seen["4"] {
		t.Errorf("note 4 missing from %v", hits)
	}
	if _, err := ix.MoreLikeThis("1", "404", 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing note: %v", err)
	}
}
