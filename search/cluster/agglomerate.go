package cluster

import "slices"

// group is a cluster during agglomeration; only roots are live.
type group struct {
	size    int
	sum     sparseVec // Σ of member vectors
	ownsSum bool      // sum is the group's own buffer, not a note's vector
	members []int32
	version uint32 // bumped on every merge into this root
}

// candidate is a possible merge of the groups rooted at a < b. The link is
// exact when both roots still carry the versions it was computed with;
// otherwise it is stale.
type candidate struct {
	link   float64
	a, b   int32
	va, vb uint32
}

// candHeap is a binary max-heap of candidates, typed to avoid the
// interface boxing of container/heap on the hot path.
type candHeap []candidate

// before orders by link (descending), then by roots, a total order that
// makes the merge sequence deterministic.
func before(x, y candidate) bool {
	if x.link != y.link {
		return x.link > y.link
	}
	if x.a != y.a {
		return x.a < y.a
	}
	return x.b < y.b
}

func (h candHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *candHeap) push(c candidate) {
	*h = append(*h, c)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !before(s[i], s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *candHeap) pop() candidate {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	*h = s[:last]
	h.down(0)
	return top
}

func (h candHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		best := l
		if r := l + 1; r < len(h) && before(h[r], h[l]) {
			best = r
		}
		if !before(h[best], h[i]) {
			return
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
}

// agglomerate runs average-linkage clustering over the notes in c, merging
// while the mean pairwise cosine between two groups is ≥ threshold, and
// returns the member lists (in note order) of the final groups with more
// than one note.
//
// Candidates are re-evaluated lazily. Average linkage is reducible: the
// link of a merged group to another is a size-weighted mean of the old
// links, so it never exceeds the larger of them. Hence for every pair of
// live groups with link ≥ threshold some heap entry resolving to that
// pair holds at least that value, starting from the note pairs in edges.
// A popped entry that is still exact is therefore the best merge; a stale
// one is recomputed and pushed back if it still reaches the threshold.
func agglomerate(c *corpus, edges []edge, threshold float64) [][]int32 {
	n := len(c.vecs)
	groups := make([]group, n)
	parent := make([]int32, n)
	for i := range groups {
		groups[i] = group{size: 1, sum: c.vecs[i], members: []int32{int32(i)}}
		parent[i] = int32(i)
	}
	h := make(candHeap, 0, len(edges))
	for _, e := range edges {
		h = append(h, candidate{link: e.sim, a: e.a, b: e.b})
	}
	h.init()
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// recomputed remembers the versions a pair was last re-linked at, so
	// many stale entries for one pair cost one dot product.
	recomputed := map[[2]int32]uint64{}
	var buf sparseVec
	for len(h) > 0 {
		top := h.pop()
		a, b := find(top.a), find(top.b)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		ga, gb := &groups[a], &groups[b]
		if a != top.a || b != top.b || ga.version != top.va || gb.version != top.vb {
			key, ver := [2]int32{a, b}, uint64(ga.version)<<32|uint64(gb.version)
			if v, ok := recomputed[key]; ok && v == ver {
				continue
			}
			recomputed[key] = ver
			if link := dot(ga.sum, gb.sum) / float64(ga.size*gb.size); link >= threshold {
				h.push(candidate{link: link, a: a, b: b, va: ga.version, vb: gb.version})
			}
			continue
		}
		// Merge b into a; a < b keeps the lowest note as the root.
		parent[b] = a
		ga.size += gb.size
		// Double buffering: the old sum becomes the next scratch buffer
		// unless it is a note's own vector.
		merged := addSparseInto(buf, ga.sum, gb.sum)
		buf = sparseVec{}
		if ga.ownsSum {
			buf = ga.sum
		}
		ga.sum, ga.ownsSum = merged, true
		ga.members = append(ga.members, gb.members...)
		ga.version++
		*gb = group{}
	}
	var out [][]int32
	for i := range groups {
		if parent[i] == int32(i) && groups[i].size > 1 {
			m := groups[i].members
			slices.Sort(m)
			out = append(out, m)
		}
	}
	return out
}

// addSparse returns x + y as a new vector.
func addSparse(x, y sparseVec) sparseVec {
	return addSparseInto(sparseVec{}, x, y)
}

// addSparseInto writes x + y into out's storage and returns it.
func addSparseInto(out, x, y sparseVec) sparseVec {
	out.idx, out.val = out.idx[:0], out.val[:0]
	i, j := 0, 0
	for i < len(x.idx) || j < len(y.idx) {
		switch {
		case j == len(y.idx) || (i < len(x.idx) && x.idx[i] < y.idx[j]):
			out.idx, out.val = append(out.idx, x.idx[i]), append(out.val, x.val[i])
			i++
		case i == len(x.idx) || y.idx[j] < x.idx[i]:
			out.idx, out.val = append(out.idx, y.idx[j]), append(out.val, y.val[j])
			j++
		default:
			out.idx, out.val = append(out.idx, x.idx[i]), append(out.val, x.val[i]+y.val[j])
			i++
			j++
		}
	}
	return out
}
