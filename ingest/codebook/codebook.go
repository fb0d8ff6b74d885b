// Package codebook tags notes automatically from phrase and stem rules, and
// holds the starter codebook built from the seeds (the five leveregler,
// 1-2-3-tilgangen, borgerland and fagland, and a few themes).
//
// Matching is on Danish Snowball stems, so a rule for "borger" also finds
// "borgeren", "borgerne" and "borgernes". The package is pure: no I/O.
package codebook

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
)

// Match kinds of a Rule.
const (
	MatchPhrase = "phrase" // all words in order, adjacent, each compared by stem
	MatchStem   = "stem"   // one word, any inflection
)

// Rule tags a text with Tag when Pattern occurs in it. A pattern word that
// ends in "*" is a prefix: "ensom*" matches "ensomhed" and "ensomme".
type Rule struct {
	Tag     string
	Pattern string
	Match   string
}

// element is one compiled pattern word.
type element struct {
	stem   string // exact: the token's stem must equal it
	prefix string // prefix: the token (or its stem) must start with it
}

func (e element) matches(t token) bool {
	if e.prefix != "" {
		return strings.HasPrefix(t.lower, e.prefix) || strings.HasPrefix(t.stem, e.prefix)
	}
	return t.stem == e.stem
}

type compiled struct {
	tag   int // index into Matcher.tags
	elems []element
}

// Matcher applies a set of rules. It is immutable once built and safe for
// concurrent use.
type Matcher struct {
	tags  []string // distinct tag names, sorted
	rules []compiled
	// byStem lists the rules whose first word is exact, by that stem, so a
	// token looks up only the rules that can start at it.
	byStem map[string][]int
	// byPrefix lists the rules whose first word is a prefix, by the
	// prefix's first byte, which the token and its stem share with it.
	byPrefix map[byte][]int
}

// NewMatcher compiles rules. It fails on the first invalid rule and names it.
func NewMatcher(rules []Rule) (*Matcher, error) {
	m := &Matcher{byStem: map[string][]int{}, byPrefix: map[byte][]int{}}
	for _, r := range rules {
		m.tags = append(m.tags, r.Tag)
	}
	slices.Sort(m.tags)
	m.tags = slices.Compact(m.tags)
	for i, r := range rules {
		c, err := compile(r)
		if err != nil {
			return nil, fmt.Errorf("codebook: rule %d (tag %q, pattern %q): %w", i+1, r.Tag, r.Pattern, err)
		}
		c.tag, _ = slices.BinarySearch(m.tags, r.Tag)
		m.rules = append(m.rules, c)
		if first := c.elems[0]; first.prefix != "" {
			m.byPrefix[first.prefix[0]] = append(m.byPrefix[first.prefix[0]], i)
		} else {
			m.byStem[first.stem] = append(m.byStem[first.stem], i)
		}
	}
	return m, nil
}

func compile(r Rule) (compiled, error) {
	if strings.TrimSpace(r.Tag) == "" {
		return compiled{}, fmt.Errorf("empty tag")
	}
	if strings.TrimSpace(r.Pattern) == "" {
		return compiled{}, fmt.Errorf("empty pattern")
	}
	if r.Match != MatchPhrase && r.Match != MatchStem {
		return compiled{}, fmt.Errorf("unknown match kind %q (want %q or %q)", r.Match, MatchPhrase, MatchStem)
	}
	elems, err := compilePattern(r.Pattern)
	if err != nil {
		return compiled{}, err
	}
	if r.Match == MatchStem && len(elems) != 1 {
		return compiled{}, fmt.Errorf("a stem rule takes one word, got %d", len(elems))
	}
	return compiled{elems: elems}, nil
}

// compilePattern splits a pattern the way texts are split. A "*" may only
// end a word; "1-2-3-tilgang*" is the words 1, 2, 3 and the prefix tilgang.
func compilePattern(pattern string) ([]element, error) {
	var elems []element
	for _, field := range strings.Fields(pattern) {
		body, star := strings.CutSuffix(field, "*")
		if strings.Contains(body, "*") {
			return nil, fmt.Errorf("%q: \"*\" may only end a word", field)
		}
		toks := tokenize(body, nil)
		if len(toks) == 0 {
			return nil, fmt.Errorf("%q has no letters or digits", field)
		}
		for i, t := range toks {
			if star && i == len(toks)-1 {
				elems = append(elems, element{prefix: t.lower})
				continue
			}
			elems = append(elems, element{stem: t.stem})
		}
	}
	return elems, nil
}

// Tags returns the sorted, unique names of the tags whose rules match text.
func (m *Matcher) Tags(text string) []string {
	return m.tagsWith(text, map[string]string{})
}

// Tagger tags many texts with one matcher, keeping the stems of the words
// it has seen: a file's notes share most of their words, and stemming is
// most of the cost of tagging. A Tagger is for one goroutine at a time.
type Tagger struct {
	m     *Matcher
	stems map[string]string
}

// maxStems bounds a Tagger's memory: past it the stems start over.
const maxStems = 1 << 16

// Tagger gives a Tagger over m.
func (m *Matcher) Tagger() *Tagger { return &Tagger{m: m, stems: map[string]string{}} }

// Tags is Matcher.Tags.
func (t *Tagger) Tags(text string) []string {
	if len(t.stems) > maxStems {
		clear(t.stems)
	}
	return t.m.tagsWith(text, t.stems)
}

func (m *Matcher) tagsWith(text string, cache map[string]string) []string {
	if len(m.rules) == 0 {
		return nil
	}
	toks := tokenize(text, cache)
	found := make([]bool, len(m.tags))
	for i, t := range toks {
		for _, r := range m.byStem[t.stem] {
			m.try(found, r, toks[i:])
		}
		for _, r := range m.byPrefix[t.lower[0]] {
			m.try(found, r, toks[i:])
		}
	}
	var tags []string
	for k, ok := range found {
		if ok {
			tags = append(tags, m.tags[k])
		}
	}
	return tags
}

func (m *Matcher) try(found []bool, r int, toks []token) {
	c := m.rules[r]
	if found[c.tag] || len(toks) < len(c.elems) {
		return
	}
	for k, e := range c.elems {
		if !e.matches(toks[k]) {
			return
		}
	}
	found[c.tag] = true
}

type token struct {
	lower, stem string
}

// tokenize splits on everything that is not a Unicode letter, digit or
// combining mark, lowercases and stems. cache, when not nil, saves
// stemming a word twice in one text.
func tokenize(s string, cache map[string]string) []token {
	var toks []token
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			toks = append(toks, newToken(s[start:i], cache))
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, newToken(s[start:], cache))
	}
	return toks
}

func newToken(word string, cache map[string]string) token {
	lower := strings.ToLower(word)
	if st, ok := cache[lower]; ok {
		return token{lower: lower, stem: st}
	}
	st := stem(lower)
	if cache != nil {
		cache[lower] = st
	}
	return token{lower: lower, stem: st}
}

// stem applies the Danish Snowball stemmer, as bleve's "da" analyzer does,
// so tags and search agree on what counts as the same word.
func stem(lower string) string {
	if !utf8.ValidString(lower) {
		return lower
	}
	env := snowballstem.NewEnv(lower)
	danish.Stem(env)
	return env.Current()
}
