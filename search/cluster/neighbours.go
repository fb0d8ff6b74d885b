package cluster

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// edge is a pair of notes (a < b) whose cosine is at least the threshold.
type edge struct {
	a, b int32
	sim  float64
}

// joinParams steer how pairs above the threshold are found.
type joinParams struct {
	exactBudget int64 // max Σ df² for the exact join
	sigTerms    int   // top terms per note in the approximate join
	candidates  int   // candidates re-scored exactly per note
	maxEdges    int   // edges kept per note by the exact join
	workers     int
}

func defaultJoin() joinParams {
	return joinParams{exactBudget: 40_000_000, sigTerms: 8, candidates: 32, maxEdges: 200, workers: runtime.GOMAXPROCS(0)}
}

type posting struct {
	doc int32
	w   float64
}

// similarPairs returns the pairs with cosine ≥ threshold, sorted by (a, b):
// all of them (up to maxEdges per note) when an exact join is affordable,
// else those found through shared top terms.
func similarPairs(c *corpus, threshold float64, p joinParams) []edge {
	full := postings(c, nil)
	var work int64
	for _, l := range full {
		work += int64(len(l)) * int64(len(l))
	}
	if work <= p.exactBudget {
		return parallelRows(len(c.vecs), p.workers, c.nTerms, func(s *scratch, d int32, out []edge) []edge {
			return exactRow(c, full, threshold, p.maxEdges, s, d, out)
		})
	}
	sig := make([]sparseVec, len(c.vecs))
	for i, v := range c.vecs {
		sig[i] = topTerms(v, p.sigTerms)
	}
	sigPost := postings(c, sig)
	return parallelRows(len(c.vecs), p.workers, c.nTerms, func(s *scratch, d int32, out []edge) []edge {
		return approxRow(c, sig, sigPost, threshold, p.candidates, s, d, out)
	})
}

// postings builds an inverted index over vecs (c.vecs when vecs is nil);
// each list is in increasing note order.
func postings(c *corpus, vecs []sparseVec) [][]posting {
	if vecs == nil {
		vecs = c.vecs
	}
	post := make([][]posting, c.nTerms)
	for d, v := range vecs {
		for k, t := range v.idx {
			post[t] = append(post[t], posting{doc: int32(d), w: v.val[k]})
		}
	}
	return post
}

// scratch is per-worker memory for accumulating dot products.
type scratch struct {
	acc     []float64 // per note
	touched []int32
	dense   []float64 // per term
	cand    []cand
}

type cand struct {
	doc   int32
	score float64
}

// parallelRows runs row(d) for every note, spreading rows over workers, and
// concatenates the results in note order so the output does not depend on
// scheduling.
func parallelRows(n, workers, nTerms int, row func(*scratch, int32, []edge) []edge) []edge {
	workers = max(1, min(workers, n/256+1))
	chunk := (n + workers - 1) / workers
	parts := make([][]edge, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		wg.Go(func() {
			s := &scratch{acc: make([]float64, n), dense: make([]float64, nTerms)}
			var out []edge
			for d := lo; d < hi; d++ {
				out = row(s, int32(d), out)
			}
			parts[w] = out
		})
	}
	wg.Wait()
	return slices.Concat(parts...)
}

// exactRow finds the b > d with cos(d, b) ≥ threshold via the full index,
// the keep most similar of them.
func exactRow(c *corpus, post [][]posting, threshold float64, keep int, s *scratch, d int32, out []edge) []edge {
	v := c.vecs[d]
	for k, t := range v.idx {
		l := post[t]
		start := sort.Search(len(l), func(i int) bool { return l[i].doc > d })
		for _, p := range l[start:] {
			if s.acc[p.doc] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			s.acc[p.doc] += v.val[k] * p.w
		}
	}
	return flushRow(s, d, threshold, keep, out)
}

// flushRow emits the (at most keep) best touched notes whose accumulated
// score reaches threshold, in note order, and resets the accumulator. The
// cap bounds memory on corpora where large groups are similar throughout;
// one edge between two groups is all the merge needs.
func flushRow(s *scratch, d int32, threshold float64, keep int, out []edge) []edge {
	s.cand = s.cand[:0]
	for _, b := range s.touched {
		if s.acc[b] >= threshold {
			s.cand = append(s.cand, cand{doc: b, score: s.acc[b]})
		}
		s.acc[b] = 0
	}
	s.touched = s.touched[:0]
	best := topCandidates(s.cand, keep)
	slices.SortFunc(best, func(x, y cand) int { return cmp.Compare(x.doc, y.doc) })
	for _, b := range best {
		out = append(out, edge{a: d, b: b.doc, sim: b.score})
	}
	return out
}

// approxRow scores notes b > d that share one of d's top terms by the
// overlap of their top terms, re-scores the best candidates exactly and
// keeps those at or above threshold.
func approxRow(c *corpus, sig []sparseVec, sigPost [][]posting, threshold float64, keep int, s *scratch, d int32, out []edge) []edge {
	v := sig[d]
	for k, t := range v.idx {
		l := sigPost[t]
		start := sort.Search(len(l), func(i int) bool { return l[i].doc > d })
		for _, p := range l[start:] {
			if s.acc[p.doc] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			s.acc[p.doc] += v.val[k] * p.w
		}
	}
	s.cand = s.cand[:0]
	for _, b := range s.touched {
		s.cand = append(s.cand, cand{doc: b, score: s.acc[b]})
		s.acc[b] = 0
	}
	s.touched = s.touched[:0]
	best := topCandidates(s.cand, keep)

	full := c.vecs[d]
	for k, t := range full.idx {
		s.dense[t] = full.val[k]
	}
	slices.SortFunc(best, func(x, y cand) int { return cmp.Compare(x.doc, y.doc) })
	for _, b := range best {
		var dot float64
		u := c.vecs[b.doc]
		for k, t := range u.idx {
			dot += s.dense[t] * u.val[k]
		}
		if dot >= threshold {
			out = append(out, edge{a: d, b: b.doc, sim: dot})
		}
	}
	for _, t := range full.idx {
		s.dense[t] = 0
	}
	return out
}

// better orders candidates by score, then by note, a total order so the
// chosen set is unique.
func better(x, y cand) bool {
	return x.score > y.score || (x.score == y.score && x.doc < y.doc)
}

// topCandidates moves the keep best candidates to the front (quickselect)
// and returns them, in no particular order.
func topCandidates(cs []cand, keep int) []cand {
	if len(cs) <= keep {
		return cs
	}
	lo, hi := 0, len(cs)-1
	for lo < hi {
		// Median of three keeps the selection linear on sorted input.
		mid := lo + (hi-lo)/2
		if better(cs[mid], cs[lo]) {
			cs[mid], cs[lo] = cs[lo], cs[mid]
		}
		if better(cs[hi], cs[lo]) {
			cs[hi], cs[lo] = cs[lo], cs[hi]
		}
		if better(cs[hi], cs[mid]) {
			cs[hi], cs[mid] = cs[mid], cs[hi]
		}
		pivot := cs[mid]
		i, j := lo, hi
		for i <= j {
			for better(cs[i], pivot) {
				i++
			}
			for better(pivot, cs[j]) {
				j--
			}
			if i <= j {
				cs[i], cs[j] = cs[j], cs[i]
				i++
				j--
			}
		}
		switch {
		case keep-1 <= j:
			hi = j
		case keep-1 >= i:
			lo = i
		default:
			return cs[:keep]
		}
	}
	return cs[:keep]
}

// topTerms keeps the k heaviest terms of v (ties by term id), in term order.
func topTerms(v sparseVec, k int) sparseVec {
	if len(v.idx) <= k {
		return v
	}
	order := make([]int, len(v.idx))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		if c := cmp.Compare(v.val[y], v.val[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	order = order[:k]
	slices.Sort(order)
	out := sparseVec{idx: make([]int32, k), val: make([]float64, k)}
	for i, o := range order {
		out.idx[i], out.val[i] = v.idx[o], v.val[o]
	}
	return out
}
