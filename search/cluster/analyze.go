package cluster

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/segment"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"

	"indsigt/search/codes"
)

// fillerWords are spoken-language fillers, reporting and auxiliary verbs
// and frequency adverbs common in interview transcripts and field notes that the
// Snowball list lacks; they say how something was told, not what. "nok" is not here on
// purpose (see the package comment).
var fillerWords = []string{
	"altså", "ligesom", "jo", "nu", "bare", "lige", "sådan", "øh", "øhm",
	"hm", "hmm", "mm", "ja", "nej", "okay", "ok", "fx", "osv", "egentlig",
	"faktisk", "vel", "da", "så", "også", "ik", "ikk", "jamen", "nå",
	"fortæller", "fortalte", "siger", "sagde", "hver", "hvert", "altid",
	"aldrig", "måske", "gerne", "helt", "rigtig", "stadig", "tit", "igen",
	"lidt", "hele", "kan", "får", "fik", "gør", "gjorde", "ved",
}

// sparseVec is a sparse vector with strictly increasing indices.
type sparseVec struct {
	idx []int32
	val []float64
}

// corpus is the analysed, weighted form of the canonically ordered notes.
type corpus struct {
	vecs    []sparseVec // L2-normalised TF-IDF per note; empty if nothing survived
	surface []string    // display word per term id, over all notes
	nTerms  int
	// termOf maps a stem to its term id, and stop is the stop list, so
	// that a cluster's own words can be found again for its label.
	termOf map[string]int32
	stop   analysis.TokenMap
	kept   []int32 // term id → stem id before renumbering
}

// analyzer turns text into stem ids. It caches per raw token so that each
// distinct word is lowercased, filtered and stemmed once per call. Each
// worker has its own; stem ids are local to it until merged.
type analyzer struct {
	stop     analysis.TokenMap
	rawWord  map[string]int32 // raw token → word id, -1 when dropped
	lowWord  map[string]int32 // lowercased word → word id
	words    []wordInfo
	stemID   map[string]int32
	stemName []string
}

type wordInfo struct {
	text  string
	stem  int32
	count int
}

// stopWords is the Snowball Danish list plus fillerWords.
func stopWords() analysis.TokenMap {
	stop := analysis.NewTokenMap()
	// LoadLine strips the "| comment" part of the Snowball format.
	for _, line := range strings.Split(string(da.DanishStopWords), "\n") {
		stop.LoadLine(line)
	}
	for _, w := range fillerWords {
		stop.AddToken(w)
	}
	return stop
}

func newAnalyzer(stop analysis.TokenMap) *analyzer {
	return &analyzer{
		stop:    stop,
		rawWord: make(map[string]int32),
		lowWord: make(map[string]int32),
		stemID:  make(map[string]int32),
	}
}

// stems appends the stem ids of text to dst (unsorted, with repeats). It
// segments words as Bleve's unicode tokenizer does (Unicode UAX #29 via
// blevesearch/segment) but without building a token stream per note.
//
// Pseudonym codes ("[Borger-3]", "[Telefon-1]", "Medarbejder-2") are
// blanked first: they name people, not topics, and must neither pull
// notes together nor become labels.
func (a *analyzer) stems(dst []int32, text string) []int32 {
	seg := segment.NewWordSegmenterDirect(codes.Blank([]byte(text)))
	for seg.Segment() {
		if seg.Type() == segment.None {
			continue
		}
		term := seg.Bytes()
		id, ok := a.rawWord[string(term)]
		if !ok {
			id = a.word(string(term))
			a.rawWord[string(term)] = id
		}
		if id < 0 {
			continue
		}
		a.words[id].count++
		dst = append(dst, a.words[id].stem)
	}
	return dst
}

func (a *analyzer) word(raw string) int32 {
	low := strings.ToLower(raw)
	if !keepToken(low) || a.stop[low] || classify(low) == function {
		return -1
	}
	if id, ok := a.lowWord[low]; ok {
		return id
	}
	env := snowballstem.NewEnv(low)
	danish.Stem(env)
	stem := env.Current()
	sid, ok := a.stemID[stem]
	if !ok {
		sid = int32(len(a.stemName))
		a.stemID[stem] = sid
		a.stemName = append(a.stemName, stem)
	}
	id := int32(len(a.words))
	a.words = append(a.words, wordInfo{text: low, stem: sid})
	a.lowWord[low] = id
	return id
}

// keepToken drops one-letter tokens and anything with a digit (numbers,
// dates, pseudonym codes).
func keepToken(w string) bool {
	if len([]rune(w)) < 2 {
		return false
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// termCounts is a note's bag of stems as sorted (stem, tf) pairs.
type termCounts struct {
	stem []int32
	tf   []int32
}

func countStems(ids []int32) termCounts {
	slices.Sort(ids)
	var tc termCounts
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		tc.stem = append(tc.stem, ids[i])
		tc.tf = append(tc.tf, int32(j-i))
		i = j
	}
	return tc
}

// buildCorpus analyses texts on up to workers goroutines, each over a
// contiguous range of notes, and weights them with TF-IDF. Stem ids are
// merged in (range, first use) order, which is the order a single pass
// would give, so the result does not depend on the number of workers.
func buildCorpus(texts []string, workers int) *corpus {
	stop := stopWords()
	workers = max(1, min(workers, len(texts)/512+1))
	chunk := (len(texts) + workers - 1) / workers
	parts := make([]*analyzer, workers)
	raw := make([][]int32, len(texts))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min(len(texts), (w+1)*chunk)
		wg.Go(func() {
			a := newAnalyzer(stop)
			for i := lo; i < hi; i++ {
				raw[i] = a.stems(nil, texts[i])
			}
			parts[w] = a
		})
	}
	wg.Wait()

	global := map[string]int32{}
	var names []string
	wordCount := map[string]int{}
	wordStem := map[string]int32{}
	for w, a := range parts {
		remap := make([]int32, len(a.stemName))
		for local, name := range a.stemName {
			id, ok := global[name]
			if !ok {
				id = int32(len(names))
				global[name] = id
				names = append(names, name)
			}
			remap[local] = id
		}
		for _, wi := range a.words {
			wordCount[wi.text] += wi.count
			wordStem[wi.text] = remap[wi.stem]
		}
		lo, hi := w*chunk, min(len(texts), (w+1)*chunk)
		for i := lo; i < hi; i++ {
			for k, s := range raw[i] {
				raw[i][k] = remap[s]
			}
		}
	}
	bags := make([]termCounts, len(texts))
	for i, r := range raw {
		bags[i] = countStems(r)
	}
	c := weigh(bags, surfaces(len(names), wordCount, wordStem))
	c.stop, c.termOf = stop, make(map[string]int32, c.nTerms)
	for t, s := range c.kept {
		c.termOf[names[s]] = int32(t)
	}
	return c
}

// surfaces returns, per stem id, the most frequent word that produced it,
// ties broken alphabetically, so labels read as words and not stems.
func surfaces(nStems int, count map[string]int, stem map[string]int32) []string {
	out := make([]string, nStems)
	best := make([]int, nStems)
	for w, c := range count {
		s := stem[w]
		if c > best[s] || (c == best[s] && w < out[s]) {
			best[s], out[s] = c, w
		}
	}
	return out
}

// smallCorpus is the number of notes below which a term in more than half
// of them is kept: in a search result of eight notes about the fridge,
// "køleskab" is the pattern, not noise; a term in every note still cannot
// separate any.
const smallCorpus = 20

// weigh keeps stems with 2 ≤ df ≤ n/2 (df < n in a small corpus), renumbers them densely in stem id
// order and builds L2-normalised sublinear TF-IDF vectors.
func weigh(bags []termCounts, stemSurface []string) *corpus {
	n := len(bags)
	df := make([]int, len(stemSurface))
	for _, b := range bags {
		for _, s := range b.stem {
			df[s]++
		}
	}
	term := make([]int32, len(df))
	var surface []string
	var idf []float64
	var kept []int32
	for s, d := range df {
		term[s] = -1
		if d >= 2 && (2*d <= n || n < smallCorpus && d < n) {
			term[s] = int32(len(surface))
			surface = append(surface, stemSurface[s])
			kept = append(kept, int32(s))
			idf = append(idf, math.Log(float64(n)/float64(d)))
		}
	}
	c := &corpus{vecs: make([]sparseVec, n), surface: surface, nTerms: len(surface), kept: kept}
	for i, b := range bags {
		var v sparseVec
		var norm float64
		for k, s := range b.stem {
			if term[s] < 0 {
				continue
			}
			w := (1 + math.Log(float64(b.tf[k]))) * idf[term[s]]
			v.idx = append(v.idx, term[s])
			v.val = append(v.val, w)
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for k := range v.val {
			v.val[k] /= norm
		}
		c.vecs[i] = v
	}
	return c
}
