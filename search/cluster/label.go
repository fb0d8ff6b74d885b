package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// label picks the terms whose mean weight in the cluster is high and high
// relative to the corpus (a c-TF-IDF variant): score = m·ln(1 + m/M), with
// m the cluster mean and M the corpus mean. The first factor favours terms
// most notes in the cluster share; the second those concentrated in it.
//
// Each term is shown as the word the cluster's own notes use most for its
// stem ("ensomheden", not the stem "ensom"). Likely nouns and adjectives
// come first; words that look like verb forms only fill up when there are
// too few of those (see classify).
func label(c *corpus, docs []Doc, members []int32, sum sparseVec, mean []float64, k int) []string {
	type scored struct {
		word  string
		class wordClass
		score float64
	}
	forms := clusterForms(c, docs, members)
	best := map[string]scored{}
	for i, t := range sum.idx {
		m := sum.val[i] / float64(len(members))
		w := cmp.Or(forms[t], c.surface[t])
		s := scored{w, classify(w), m * math.Log1p(m/mean[t])}
		// Two stems can share a display word; keep the better one.
		if old, ok := best[w]; s.class != function && !notLabels[w] && (!ok || s.score > old.score) {
			best[w] = s
		}
	}
	all := make([]scored, 0, len(best))
	for _, s := range best {
		all = append(all, s)
	}
	slices.SortFunc(all, func(x, y scored) int {
		return cmp.Or(cmp.Compare(x.class, y.class), cmp.Compare(y.score, x.score), strings.Compare(x.word, y.word))
	})
	out := make([]string, 0, k)
	for _, s := range all[:min(k, len(all))] {
		out = append(out, s.word)
	}
	return out
}

// clusterForms returns, per term, the most frequent word of the members
// that has the term's stem; ties go to the shorter word, then the
// alphabetically first. Re-analysing only the members keeps the corpus
// small: the words of every note are not kept.
func clusterForms(c *corpus, docs []Doc, members []int32) map[int32]string {
	a := newAnalyzer(c.stop)
	for _, m := range members {
		a.stems(nil, docs[m].Text)
	}
	best := map[int32]wordInfo{}
	for _, w := range a.words {
		t, ok := c.termOf[a.stemName[w.stem]]
		if !ok || w.count == 0 {
			continue
		}
		if b, seen := best[t]; seen && !betterForm(w, b) {
			continue
		}
		best[t] = w
	}
	out := make(map[int32]string, len(best))
	for t, w := range best {
		out[t] = w.text
	}
	return out
}

func betterForm(w, than wordInfo) bool {
	if w.count != than.count {
		return w.count > than.count
	}
	lw, lt := len([]rune(w.text)), len([]rune(than.text))
	return lw < lt || (lw == lt && w.text < than.text)
}
