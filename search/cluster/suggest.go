package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Defaults for zero Options fields.
const (
	DefaultMinSize         = 3
	DefaultMinParticipants = 2
	// DefaultThreshold is the minimum mean pairwise cosine for two groups
	// to merge; see the package comment for how it was tuned.
	DefaultThreshold   = 0.10
	DefaultMaxClusters = 20
	DefaultLabelTerms  = 4
)

// Doc is one note to cluster.
type Doc struct {
	ID          string
	Text        string
	Participant string
	SourceID    string
}

// Options tune Suggest; zero fields take the defaults above.
type Options struct {
	MinSize int // minimum notes per cluster; clusters always have at least 2
	// MinParticipants drops clusters whose core (the closer half of the
	// notes to the centroid) holds fewer distinct voices; a note without
	// participant counts as its source's voice.
	MinParticipants int
	Threshold       float64 // minimum mean pairwise cosine inside a merge
	MaxClusters     int
	LabelTerms      int
}

// Cluster is one suggested group of similar notes.
type Cluster struct {
	Label        []string // most distinctive terms, as the most common word for each stem
	NoteIDs      []string // most representative (closest to the centroid) first
	Participants int      // distinct voices (participant, or the source when empty)
	Sources      int      // distinct SourceIDs
	Cohesion     float64  // mean cosine of the notes to the centroid
}

func (o Options) withDefaults() Options {
	if o.MinSize <= 0 {
		o.MinSize = DefaultMinSize
	}
	if o.MinParticipants <= 0 {
		o.MinParticipants = DefaultMinParticipants
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MaxClusters <= 0 {
		o.MaxClusters = DefaultMaxClusters
	}
	if o.LabelTerms <= 0 {
		o.LabelTerms = DefaultLabelTerms
	}
	return o
}

// minSharedTerms is how many terms must each occur in more than a third
// of a cluster's notes. Notes that share a single word are what a search for
// that word finds, not a theme: on unrelated real sentences (the shared
// Danish corpus) most spurious groups have exactly one such term, while
// every planted group in the fixture has two or more.
const minSharedTerms = 2

// sharedTerms counts the terms present in more than a third of members.
func sharedTerms(c *corpus, members []int32) int {
	count := make(map[int32]int)
	for _, m := range members {
		for _, t := range c.vecs[m].idx {
			count[t]++
		}
	}
	n := 0
	for _, k := range count {
		if 3*k > len(members) {
			n++
		}
	}
	return n
}

// Suggest groups similar notes and returns at most opt.MaxClusters
// clusters, sorted by participants, then size, then cohesion (descending),
// then by first note ID. Notes that fit no group are left out. The result
// depends only on the set of docs, not on their order.
func Suggest(docs []Doc, opt Options) []Cluster {
	return suggest(docs, opt.withDefaults(), defaultJoin())
}

func suggest(docs []Doc, opt Options, jp joinParams) []Cluster {
	if len(docs) < 2 {
		return nil
	}
	docs = canonical(docs)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	c := buildCorpus(texts, jp.workers)
	edges := similarPairs(c, opt.Threshold, jp)
	var groups [][]int32
	for _, g := range agglomerate(c, edges, opt.Threshold) {
		if len(g) >= opt.MinSize {
			groups = append(groups, g)
		}
	}
	groups = refine(c, groups)
	mean := corpusMean(c)
	var out []Cluster
	for _, g := range groups {
		if len(g) < opt.MinSize {
			continue
		}
		cl, core := describe(c, docs, g, mean, opt.LabelTerms)
		if core < opt.MinParticipants || sharedTerms(c, g) < minSharedTerms {
			continue
		}
		out = append(out, cl)
	}
	slices.SortFunc(out, compareClusters)
	if len(out) > opt.MaxClusters {
		out = out[:opt.MaxClusters]
	}
	return out
}

func compareClusters(x, y Cluster) int {
	if c := cmp.Compare(y.Participants, x.Participants); c != 0 {
		return c
	}
	if c := cmp.Compare(len(y.NoteIDs), len(x.NoteIDs)); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Cohesion, x.Cohesion); c != 0 {
		return c
	}
	return cmp.Compare(x.NoteIDs[0], y.NoteIDs[0])
}

// canonical returns a copy of docs in an order defined by their content,
// which makes every later tie-break independent of the input order.
func canonical(docs []Doc) []Doc {
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(x, y Doc) int {
		return cmp.Or(
			strings.Compare(x.ID, y.ID),
			strings.Compare(x.Text, y.Text),
			strings.Compare(x.Participant, y.Participant),
			strings.Compare(x.SourceID, y.SourceID),
		)
	})
	return out
}

// corpusMean is the mean weight of each term over all notes.
func corpusMean(c *corpus) []float64 {
	mean := make([]float64, c.nTerms)
	for _, v := range c.vecs {
		for k, t := range v.idx {
			mean[t] += v.val[k]
		}
	}
	for t := range mean {
		mean[t] /= float64(len(c.vecs))
	}
	return mean
}

// describe builds the Cluster for the notes in members. It also returns
// the number of distinct voices in the cluster's core, the closer half of
// its notes to the centroid (ties included). One talkative participant's
// repeated story otherwise passes MinParticipants by absorbing a couple of
// loosely related notes from others; requiring several voices in the core
// means the heart of the pattern itself is told by several people.
func describe(c *corpus, docs []Doc, members []int32, mean []float64, labelTerms int) (Cluster, int) {
	dense, sum := clusterSum(c, members)
	norm := math.Sqrt(dot(sum, sum))
	order, closeness := byCloseness(c, members, dense, norm)
	ids := make([]string, len(order))
	voices, sources, core := map[string]bool{}, map[string]bool{}, map[string]bool{}
	median := closeness[order[(len(order)-1)/2]]
	for i, m := range order {
		ids[i] = docs[m].ID
		voices[voice(docs[m])] = true
		sources[docs[m].SourceID] = true
		if closeness[m] >= median {
			core[voice(docs[m])] = true
		}
	}
	return Cluster{
		Label:        label(c, docs, members, sum, mean, labelTerms),
		NoteIDs:      ids,
		Participants: len(voices),
		Sources:      len(sources),
		Cohesion:     norm / float64(len(members)),
	}, len(core)
}

// clusterSum returns the sum of the members' vectors, dense and sparse.
func clusterSum(c *corpus, members []int32) ([]float64, sparseVec) {
	dense := make([]float64, c.nTerms)
	for _, m := range members {
		v := c.vecs[m]
		for k, t := range v.idx {
			dense[t] += v.val[k]
		}
	}
	var sum sparseVec
	for t, w := range dense {
		if w != 0 {
			sum.idx, sum.val = append(sum.idx, int32(t)), append(sum.val, w)
		}
	}
	return dense, sum
}

// byCloseness orders members by cosine to the centroid (sum/norm),
// closest first; members come in note order, so ties stay ordered by ID.
func byCloseness(c *corpus, members []int32, sum []float64, norm float64) ([]int32, map[int32]float64) {
	closeness := make(map[int32]float64, len(members))
	for _, m := range members {
		var s float64
		v := c.vecs[m]
		for k, t := range v.idx {
			s += sum[t] * v.val[k]
		}
		closeness[m] = s / norm
	}
	order := slices.Clone(members)
	slices.SortStableFunc(order, func(x, y int32) int {
		return cmp.Compare(closeness[y], closeness[x])
	})
	return order, closeness
}

// voice identifies who told a note: the participant, or the source when the
// note has no participant (one unknown voice per source).
func voice(d Doc) string {
	if d.Participant != "" {
		return "p\x00" + d.Participant
	}
	return "s\x00" + d.SourceID
}

func dot(x, y sparseVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(x.idx) && j < len(y.idx) {
		switch {
		case x.idx[i] < y.idx[j]:
			i++
		case x.idx[i] > y.idx[j]:
			j++
		default:
			s += x.val[i] * y.val[j]
			i++
			j++
		}
	}
	return s
}
