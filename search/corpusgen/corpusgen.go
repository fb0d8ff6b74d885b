// Package corpusgen generates realistic, deterministic Danish field notes for
// benchmarks, load tests and demos. No real person's words are in it.
package corpusgen

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"indsigt/search"
)

// Options shape a generated corpus.
type Options struct {
	// Projects are the project ids notes are spread over, the first the
	// largest. Empty means one project "1".
	Projects []string
	// Start is the earliest source date; zero means 2025-01-01.
	Start time.Time
	// Days is how many days after Start the sources fall; 0 means 700.
	Days int
	// MinWords and MaxWords bound the note length; 0 means 8 and 120.
	MinWords, MaxWords int
}

// Source kinds in the proportions field work tends to have.
var kinds = []string{"interview", "interview", "interview", "observation", "observation", "workshop", "test"}

var phases = []string{"opdag", "skab", "virk"}

// Generate returns n notes in project "1", the same for the same seed.
func Generate(seed int64, n int) []search.NoteDoc {
	return GenerateWith(seed, n, Options{})
}

// GenerateWith returns n notes shaped by opts, the same for the same seed
// and options. Notes come in sources of 5 to 40 notes each, with ids "1",
// "2", … in order.
func GenerateWith(seed int64, n int, opts Options) []search.NoteDoc {
	opts = opts.withDefaults()
	g := newGen(seed)
	out := make([]search.NoteDoc, 0, n)
	for src := 1; len(out) < n; src++ {
		s := g.source(src, opts)
		size := min(5+g.r.IntN(36), n-len(out))
		for pos := range size {
			out = append(out, g.note(len(out)+1, pos, s, opts))
		}
	}
	return out
}

func (o Options) withDefaults() Options {
	if len(o.Projects) == 0 {
		o.Projects = []string{"1"}
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Days <= 0 {
		o.Days = 700
	}
	if o.MinWords <= 0 {
		o.MinWords = 8
	}
	if o.MaxWords < o.MinWords {
		o.MaxWords = max(120, o.MinWords)
	}
	return o
}

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s.
type zipf struct{ cum []float64 }

func newZipf(n int, s float64) zipf {
	cum := make([]float64, n)
	total := 0.0
	for i := range n {
		total += 1 / math.Pow(float64(i+1), s)
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return zipf{cum}
}

func (z zipf) draw(r *rand.Rand) int {
	return min(sort.SearchFloat64s(z.cum, r.Float64()), len(z.cum)-1)
}

type wordList struct {
	words []string
	dist  zipf
}

func newWordList(words []string) wordList {
	return wordList{words, newZipf(len(words), 1.05)}
}

func (w wordList) pick(r *rand.Rand) string { return w.words[w.dist.draw(r)] }

type gen struct {
	r     *rand.Rand
	slots map[byte]wordList
	tags  wordList
}

func newGen(seed int64) *gen {
	return &gen{
		r: rand.New(rand.NewPCG(uint64(seed), 0x696e64736967)),
		slots: map[byte]wordList{
			'S': newWordList(subjects), 'O': newWordList(objects), 'V': newWordList(verbs),
			'A': newWordList(adjectives), 'D': newWordList(adverbs), 'N': newWordList(nouns),
			'T': newWordList(determiners), 'R': newWordList(prepositions), 'C': newWordList(conjunctions),
			'Q': newWordList(questions), 'L': newWordList(places),
		},
		tags: newWordList(tagList),
	}
}

// sourceInfo is what the notes of one source share.
type sourceInfo struct {
	id, project, kind, title string
	date                     time.Time
	participants             []string
}

func (g *gen) source(id int, opts Options) sourceInfo {
	kind := kinds[g.r.IntN(len(kinds))]
	place := g.slots['L'].pick(g.r)
	s := sourceInfo{
		id:      strconv.Itoa(id),
		project: opts.Projects[newZipf(len(opts.Projects), 1.2).draw(g.r)],
		kind:    kind,
		date:    opts.Start.AddDate(0, 0, g.r.IntN(opts.Days)),
	}
	switch kind {
	case "interview":
		s.title = "Interview med borger i " + place
	case "observation":
		s.title = "Observation på plejecenter i " + place
	case "workshop":
		s.title = "Borgerkonference i " + place
	default:
		s.title = "Test af prototype i " + place
	}
	s.participants = []string{interviewers[g.r.IntN(len(interviewers))]}
	for range 1 + g.r.IntN(3) {
		role := "Borger"
		if g.r.IntN(4) == 0 {
			role = []string{"Pårørende", "Medarbejder"}[g.r.IntN(2)]
		}
		s.participants = append(s.participants, role+"-"+strconv.Itoa(1+g.r.IntN(60)))
	}
	return s
}

func (g *gen) note(id, pos int, s sourceInfo, opts Options) search.NoteDoc {
	speaker := s.participants[g.r.IntN(len(s.participants))]
	role, _, _ := strings.Cut(speaker, "-")
	d := search.NoteDoc{
		ID:          strconv.Itoa(id),
		ProjectID:   s.project,
		SourceID:    s.id,
		SourceTitle: s.title,
		Text:        g.text(opts),
		Tags:        g.noteTags(),
		SourceKind:  s.kind,
		Participant: speaker,
		SpeakerRole: strings.ToLower(role),
		Date:        s.date.Add(time.Duration(pos) * time.Minute),
		Position:    pos,
	}
	if g.r.IntN(10) == 0 {
		d.InsightIDs = []string{strconv.Itoa(1 + g.r.IntN(200))}
		d.Phases = []string{phases[newZipf(len(phases), 1).draw(g.r)]}
	}
	return d
}

func (g *gen) noteTags() []string {
	n := []int{0, 1, 1, 1, 2, 2, 3}[g.r.IntN(7)]
	var tags []string
	for range n {
		t := g.tags.pick(g.r)
		if !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// text builds sentences until a log-normal target length (median about 28
// words) is reached, then cuts at MaxWords.
func (g *gen) text(opts Options) string {
	target := int(math.Round(math.Exp(math.Log(28) + 0.75*g.r.NormFloat64())))
	target = max(opts.MinWords, min(target, opts.MaxWords))
	var words []string
	for len(words) < target {
		words = append(words, g.sentence()...)
	}
	if len(words) > opts.MaxWords {
		words = words[:opts.MaxWords]
		last := &words[len(words)-1]
		*last = strings.TrimRight(*last, ",.:?") + "."
	}
	return strings.Join(words, " ")
}

func (g *gen) sentence() []string {
	tpl := strings.Fields(templates[g.r.IntN(len(templates))])
	out := make([]string, 0, len(tpl))
	for i, tok := range tpl {
		w := g.fill(tok)
		if i == 0 || strings.HasSuffix(out[i-1], "?") {
			w = capitalize(w)
		}
		out = append(out, w)
	}
	last := out[len(out)-1]
	if !strings.HasSuffix(last, "?") && !strings.HasSuffix(last, ".") {
		out[len(out)-1] = last + "."
	}
	return out
}

// fill replaces a {X} slot inside tok (keeping punctuation around it).
func (g *gen) fill(tok string) string {
	i := strings.IndexByte(tok, '{')
	if i < 0 || i+2 >= len(tok) || tok[i+2] != '}' {
		return tok
	}
	return tok[:i] + g.slots[tok[i+1]].pick(g.r) + tok[i+3:]
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
