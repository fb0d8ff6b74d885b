package cluster

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func TestBuildCorpusIndependentOfWorkers(t *testing.T) {
	docs, _ := generateNotes(3000, 3)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	one := buildCorpus(texts, 1)
	for _, w := range []int{2, 3, 4} {
		if many := buildCorpus(texts, w); !reflect.DeepEqual(one, many) {
			t.Errorf("%d workers give a different corpus than one", w)
		}
	}
}

func TestSurfaceIsMostCommonWord(t *testing.T) {
	c := buildCorpus([]string{
		"Køleskabet er tomt.", "køleskabet igen", "et køleskab", "musik", "musik", "sang",
	}, 1)
	if !slices.Contains(c.surface, "køleskabet") || slices.Contains(c.surface, "køleskab") {
		t.Errorf("surfaces %q, want køleskabet for the stem køleskab", c.surface)
	}
}

// TestApproximateJoin forces the top-terms candidate join that large
// corpora use and checks it finds the same groups as the exact join.
func TestApproximateJoin(t *testing.T) {
	docs, groups := loadFixture(t)
	approx := defaultJoin()
	approx.exactBudget = 0
	got := suggest(docs, Options{}.withDefaults(), approx)
	if ari := groupARI(docs, groups, got); ari < 0.8 {
		t.Errorf("fixture ARI with approximate join = %.3f, want ≥ 0.8", ari)
	}

	gen, truth := generateNotes(2000, 5)
	for _, jp := range []joinParams{defaultJoin(), approx} {
		got := suggest(gen, Options{}.withDefaults(), jp)
		if ari := topicARI(gen, truth, got); ari < 0.8 {
			t.Errorf("generated ARI (exact budget %d) = %.3f, want ≥ 0.8", jp.exactBudget, ari)
		}
	}
}

func TestApproximateEdgesAreExact(t *testing.T) {
	docs, _ := generateNotes(1500, 9)
	texts := make([]string, len(docs))
	for i, d := range canonical(docs) {
		texts[i] = d.Text
	}
	c := buildCorpus(texts, 2)
	uncapped := defaultJoin()
	uncapped.maxEdges = len(docs)
	exact := similarPairs(c, DefaultThreshold, uncapped)
	approx := defaultJoin()
	approx.exactBudget = 0
	found := similarPairs(c, DefaultThreshold, approx)
	type pair struct{ a, b int32 }
	all := map[pair]float64{}
	for _, e := range exact {
		all[pair{e.a, e.b}] = e.sim
	}
	for _, e := range found {
		s, ok := all[pair{e.a, e.b}]
		if !ok || s-e.sim > 1e-9 || e.sim-s > 1e-9 {
			t.Fatalf("approximate edge %v not among exact edges (%v, %v)", e, s, ok)
		}
	}
	if len(found) == 0 || len(found) > len(exact) {
		t.Errorf("approximate join found %d of %d edges", len(found), len(exact))
	}
}

func TestExactJoinCapsEdgesPerNote(t *testing.T) {
	docs, _ := generateNotes(1500, 9)
	texts := make([]string, len(docs))
	for i, d := range canonical(docs) {
		texts[i] = d.Text
	}
	c := buildCorpus(texts, 2)
	jp := defaultJoin()
	jp.maxEdges = 5
	perNote := map[int32]int{}
	for _, e := range similarPairs(c, DefaultThreshold, jp) {
		perNote[e.a]++
	}
	for d, n := range perNote {
		if n > 5 {
			t.Fatalf("note %d has %d edges, cap is 5", d, n)
		}
	}
}

func TestTopCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := r.IntN(300)
		cs := make([]cand, n)
		for i := range cs {
			// Few distinct scores, so ties by note matter.
			cs[i] = cand{doc: int32(i), score: float64(r.IntN(20))}
		}
		r.Shuffle(n, func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		keep := r.IntN(60) + 1
		want := slices.Clone(cs)
		slices.SortFunc(want, func(x, y cand) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.doc, y.doc))
		})
		want = want[:min(keep, n)]
		got := slices.Clone(topCandidates(cs, keep))
		slices.SortFunc(got, func(x, y cand) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.doc, y.doc))
		})
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (n=%d keep=%d): got %v, want %v", trial, n, keep, got, want)
		}
	}
}

func TestSparseArithmetic(t *testing.T) {
	x := sparseVec{idx: []int32{1, 3, 5}, val: []float64{1, 2, 3}}
	y := sparseVec{idx: []int32{0, 3, 6}, val: []float64{4, 5, 6}}
	want := sparseVec{idx: []int32{0, 1, 3, 5, 6}, val: []float64{4, 1, 7, 3, 6}}
	if got := addSparse(x, y); !reflect.DeepEqual(got, want) {
		t.Errorf("addSparse = %v, want %v", got, want)
	}
	if got := dot(x, y); got != 10 {
		t.Errorf("dot = %v, want 10", got)
	}
	if got := addSparse(sparseVec{}, sparseVec{}); len(got.idx) != 0 {
		t.Errorf("sum of empties = %v", got)
	}
}
