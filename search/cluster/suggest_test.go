package cluster

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// wantLabel lists, per fixture group, word prefixes of which at least one
// must appear in the label of the cluster that holds the group.
var wantLabel = map[string][]string{
	"køleskab": {"køleskab", "mad"},
	"musik":    {"musik"},
	"sport":    {"klub", "fodbold", "sport"},
	"planer":   {"plan"},
	"digital":  {"digital", "mitid", "selvbetjening"},
}

func TestSuggestRecoversFixtureGroups(t *testing.T) {
	docs, groups := loadFixture(t)
	got := Suggest(docs, Options{})
	// 0.862 before the label lexicon kept verbs and pronouns out of
	// the vectors, 0.976 since.
	if ari := groupARI(docs, groups, got); ari < 0.86 {
		t.Fatalf("ARI = %.3f, want ≥ 0.86", ari)
	}
	home := map[int]string{} // cluster index → the group it is home to
	for g, prefixes := range wantLabel {
		ci := homeCluster(got, groups, g)
		if ci < 0 {
			t.Errorf("group %q not suggested", g)
			continue
		}
		if other, ok := home[ci]; ok {
			t.Errorf("groups %q and %q share a cluster", g, other)
		}
		home[ci] = g
		if !labelHasPrefix(got[ci].Label, prefixes) {
			t.Errorf("group %q: label %v has none of %v", g, got[ci].Label, prefixes)
		}
		if len(got[ci].Label) != DefaultLabelTerms {
			t.Errorf("group %q: %d label terms, want %d", g, len(got[ci].Label), DefaultLabelTerms)
		}
	}
	// Short notes share chance words, so a small extra cluster may appear;
	// it must not outrank or outgrow the real groups.
	for ci, c := range got {
		if _, ok := home[ci]; !ok && (len(c.NoteIDs) > 4 || ci < len(wantLabel)) {
			t.Errorf("extra cluster %v (%d notes) at rank %d", c.Label, len(c.NoteIDs), ci)
		}
	}
}

// homeCluster is the index of the cluster holding most notes of group g,
// or -1 when none holds any.
func homeCluster(got []Cluster, groups map[string]string, g string) int {
	best, bestN := -1, 0
	for ci, c := range got {
		n := 0
		for _, id := range c.NoteIDs {
			if groups[id] == g {
				n++
			}
		}
		if n > bestN {
			best, bestN = ci, n
		}
	}
	return best
}

// TestThresholdPlateau records the tuning of DefaultThreshold: on the
// fixture the ARI is ≥ 0.8 for thresholds from 0.04 to 0.15 (0.59 at
// 0.03, 0.72 at 0.16); 0.10 sits in the middle of that plateau. Since the
// label lexicon it is 0.976 over the whole range, and on the hand-labelled
// fixture 0.956 from 0.04 to 0.10 (0.83 at 0.03, 0.86 at 0.12, 0.75 at 0.15).
func TestThresholdPlateau(t *testing.T) {
	docs, groups := loadFixture(t)
	for _, th := range []float64{0.04, 0.07, DefaultThreshold, 0.15} {
		if ari := groupARI(docs, groups, Suggest(docs, Options{Threshold: th})); ari < 0.8 {
			t.Errorf("threshold %.2f: ARI = %.3f, want ≥ 0.8", th, ari)
		}
	}
}

func labelHasPrefix(label, prefixes []string) bool {
	for _, w := range label {
		for _, p := range prefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

func TestSuggestClusterInvariants(t *testing.T) {
	docs, _ := loadFixture(t)
	got := Suggest(docs, Options{})
	if !slices.IsSortedFunc(got, compareClusters) {
		t.Error("clusters not sorted by participants, size, cohesion")
	}
	byID := map[string]Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	used := map[string]bool{}
	for _, c := range got {
		if len(c.NoteIDs) < DefaultMinSize {
			t.Errorf("cluster %v has %d notes, below MinSize", c.Label, len(c.NoteIDs))
		}
		if c.Cohesion <= 0 || c.Cohesion > 1+1e-9 {
			t.Errorf("cluster %v: cohesion %v outside (0, 1]", c.Label, c.Cohesion)
		}
		voices, sources := map[string]bool{}, map[string]bool{}
		for _, id := range c.NoteIDs {
			if used[id] {
				t.Errorf("note %s in two clusters", id)
			}
			used[id] = true
			voices[byID[id].Participant] = true
			sources[byID[id].SourceID] = true
		}
		if c.Participants != len(voices) || c.Sources != len(sources) {
			t.Errorf("cluster %v: participants/sources %d/%d, want %d/%d",
				c.Label, c.Participants, c.Sources, len(voices), len(sources))
		}
	}
}

func TestSuggestNotesOrderedByCloseness(t *testing.T) {
	docs, _ := loadFixture(t)
	sorted := canonical(docs)
	index := map[string]int32{}
	texts := make([]string, len(sorted))
	for i, d := range sorted {
		index[d.ID] = int32(i)
		texts[i] = d.Text
	}
	c := buildCorpus(texts, 1)
	for _, cl := range Suggest(docs, Options{}) {
		var sum sparseVec
		for _, id := range cl.NoteIDs {
			sum = addSparse(sum, c.vecs[index[id]])
		}
		prev := math.Inf(1)
		for _, id := range cl.NoteIDs {
			s := dot(sum, c.vecs[index[id]])
			if s > prev+1e-12 {
				t.Errorf("cluster %v: %s closer to centroid than the note before it", cl.Label, id)
			}
			prev = s
		}
	}
}

func TestSuggestDeterministic(t *testing.T) {
	docs, _ := loadFixture(t)
	want := Suggest(docs, Options{})
	if again := Suggest(docs, Options{}); !reflect.DeepEqual(again, want) {
		t.Fatal("same input gave different output")
	}
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 5 {
		shuffled := slices.Clone(docs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		// Canonical ordering makes the output identical, which is
		// stronger than equal clusters as sets.
		if got := Suggest(shuffled, Options{}); !reflect.DeepEqual(got, want) {
			t.Errorf("shuffle %d: output differs from unshuffled input", i)
		}
	}
}

// pigeonNotes are five near-identical notes about one topic.
func pigeonNotes(participant func(i int) (string, string)) []Doc {
	texts := []string{
		"Han passer sine brevduer i dueslaget hver morgen, duerne er hans stolthed.",
		"Brevduerne i dueslaget er hans stolthed, han passer duerne hver morgen.",
		"Hver morgen går han til dueslaget og passer brevduerne, duerne betyder alt.",
		"Duerne i dueslaget får foder hver morgen; brevduerne er hans stolthed.",
		"Han viser dueslaget frem og fortæller om brevduerne og duerne hver morgen.",
	}
	out := make([]Doc, len(texts))
	for i, t := range texts {
		p, s := participant(i)
		out[i] = Doc{ID: "due" + string(rune('a'+i)), Text: t, Participant: p, SourceID: s}
	}
	return out
}

func hasPigeonCluster(got []Cluster) bool {
	for _, c := range got {
		if slices.ContainsFunc(c.NoteIDs, func(id string) bool { return strings.HasPrefix(id, "due") }) {
			return true
		}
	}
	return false
}

func TestSuggestNeedsSeveralVoices(t *testing.T) {
	fixture, _ := loadFixture(t)
	tests := []struct {
		name  string
		voice func(i int) (string, string)
		opt   Options
		want  bool
	}{
		{"one participant", func(int) (string, string) { return "P99", "S9" }, Options{}, false},
		{"one participant allowed", func(int) (string, string) { return "P99", "S9" }, Options{MinParticipants: 1}, true},
		{"no participant, one source", func(int) (string, string) { return "", "S9" }, Options{}, false},
		{"no participant, own sources", func(i int) (string, string) { return "", "S9" + string(rune('a'+i)) }, Options{}, true},
		{"five participants", func(i int) (string, string) { return "P9" + string(rune('a'+i)), "S9" }, Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := append(slices.Clone(fixture), pigeonNotes(tt.voice)...)
			if got := hasPigeonCluster(Suggest(docs, tt.opt)); got != tt.want {
				t.Errorf("pigeon cluster suggested = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSuggestNeedsTwoSharedTerms(t *testing.T) {
	fixture, _ := loadFixture(t)
	oneWord := []Doc{
		{ID: "cy1", Text: "Cyklen står i regnen ved stationen.", Participant: "Q1"},
		{ID: "cy2", Text: "Hendes cyklen blev stjålet sidste forår.", Participant: "Q2"},
		{ID: "cy3", Text: "Barnebarnet lånte cyklen til skovturen.", Participant: "Q3"},
		{ID: "cy4", Text: "Cyklen mangler lys, bemærker betjenten.", Participant: "Q4"},
		{ID: "cy5", Text: "Naboens hækklipper ligger oven på cyklen.", Participant: "Q5"},
	}
	got := Suggest(append(slices.Clone(fixture), oneWord...), Options{})
	for _, c := range got {
		n := 0
		for _, id := range c.NoteIDs {
			if strings.HasPrefix(id, "cy") {
				n++
			}
		}
		// A stray bicycle note may join a real group by another word.
		if n > 1 {
			t.Errorf("notes sharing only one word suggested as %v: %v", c.Label, c.NoteIDs)
		}
	}
	if len(got) < len(wantLabel) {
		t.Errorf("got %d clusters, want at least the %d fixture groups", len(got), len(wantLabel))
	}
}

func TestSuggestOptions(t *testing.T) {
	docs, _ := loadFixture(t)
	tests := []struct {
		name         string
		opt          Options
		maxClusters  int
		labelTerms   int
		minNotesEach int
	}{
		{"max clusters", Options{MaxClusters: 2}, 2, DefaultLabelTerms, DefaultMinSize},
		{"label terms", Options{LabelTerms: 2}, DefaultMaxClusters, 2, DefaultMinSize},
		{"min size", Options{MinSize: 12}, DefaultMaxClusters, DefaultLabelTerms, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suggest(docs, tt.opt)
			if len(got) == 0 || len(got) > tt.maxClusters {
				t.Fatalf("got %d clusters, want 1..%d", len(got), tt.maxClusters)
			}
			for _, c := range got {
				if len(c.Label) != tt.labelTerms {
					t.Errorf("label %v: want %d terms", c.Label, tt.labelTerms)
				}
				if len(c.NoteIDs) < tt.minNotesEach {
					t.Errorf("cluster %v has %d notes, want ≥ %d", c.Label, len(c.NoteIDs), tt.minNotesEach)
				}
			}
		})
	}
	if got := Suggest(docs, Options{MinSize: 100}); len(got) != 0 {
		t.Errorf("MinSize 100: got %d clusters, want none", len(got))
	}
}

func TestSuggestEdgeCases(t *testing.T) {
	fixture, groups := loadFixture(t)
	stopOnly := []Doc{
		{ID: "a", Text: "og i jeg det at en", Participant: "P1"},
		{ID: "b", Text: "Altså, øh, ja ja, jo, ligesom det der", Participant: "P2"},
		{ID: "c", Text: "og så ... 12 34 !!", Participant: "P3"},
		{ID: "d", Text: "", Participant: "P4"},
	}
	tests := []struct {
		name string
		docs []Doc
	}{
		{"nil", nil},
		{"empty", []Doc{}},
		{"one doc", fixture[:1]},
		{"stop words only", stopOnly},
		{"identical texts, one word", []Doc{{ID: "x", Text: "køleskab"}, {ID: "y", Text: "køleskab"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.docs, Options{}); len(got) != 0 {
				t.Errorf("got %d clusters, want none", len(got))
			}
		})
	}
	t.Run("stop word notes among real ones", func(t *testing.T) {
		docs := append(slices.Clone(fixture), stopOnly...)
		got := Suggest(docs, Options{})
		if ari := groupARI(fixture, groups, got); ari < 0.8 {
			t.Errorf("ARI = %.3f, want ≥ 0.8", ari)
		}
	})
	t.Run("huge doc", func(t *testing.T) {
		huge := Doc{ID: "huge", Participant: "P77", SourceID: "S7",
			Text: strings.Repeat("Borgeren taler længe om køleskabet, musikken, klubben, planerne og MitID. ", 20_000)}
		got := Suggest(append(slices.Clone(fixture), huge), Options{})
		if ari := groupARI(fixture, groups, got); ari < 0.8 {
			t.Errorf("ARI = %.3f, want ≥ 0.8", ari)
		}
	})
}

func TestAnalysis(t *testing.T) {
	a := newAnalyzer(stopWords())
	stems := func(text string) []string {
		var out []string
		for _, id := range a.stems(nil, text) {
			out = append(out, a.stemName[id])
		}
		return out
	}
	tests := []struct {
		text string
		want []string
	}{
		{"Altså, der er ligesom ikke mad nok", []string{"mad", "nok"}},
		{"Køleskabet KØLESKABE køleskab", []string{"køleskab", "køleskab", "køleskab"}},
		{"P07 mødte BORGER_3 den 12. maj", []string{"mødt", "maj"}},
		{"øh jo ja", nil},
	}
	for _, tt := range tests {
		if got := stems(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("stems(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWeighDropsRareAndCommonTerms(t *testing.T) {
	// Stems: 0 in all notes, 1 in one note, 2 in two of four notes.
	bags := []termCounts{
		{stem: []int32{0, 1, 2}, tf: []int32{1, 1, 3}},
		{stem: []int32{0, 2}, tf: []int32{1, 1}},
		{stem: []int32{0}, tf: []int32{1}},
		{stem: []int32{0}, tf: []int32{1}},
	}
	c := weigh(bags, []string{"alle", "én", "to"})
	if !slices.Equal(c.surface, []string{"to"}) {
		t.Fatalf("kept terms %v, want [to]", c.surface)
	}
	for i, want := range []int{1, 1, 0, 0} {
		if got := len(c.vecs[i].idx); got != want {
			t.Errorf("note %d: %d terms, want %d", i, got, want)
		}
	}
	if v := c.vecs[0].val[0]; math.Abs(v-1) > 1e-12 {
		t.Errorf("single-term vector not unit length: %v", v)
	}
}
