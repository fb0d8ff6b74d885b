package search

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"indsigt/search/codes"
)

// Limits on what a search box may ask for; they bound the work one request
// can cause in Bleve.
const (
	MaxQueryChars = 500
	MaxQueryTerms = 50
)

// ErrInvalidQuery is wrapped by every error ParseQuery returns, so callers can
// answer 400 without matching on text.
var ErrInvalidQuery = errors.New("invalid query")

// TermKind says what a Term matches.
type TermKind int

// Term kinds. Word and Phrase match note text; the others filter on keyword
// or date fields.
const (
	TermWord TermKind = iota
	TermPhrase
	TermTag
	TermSourceKind
	TermParticipant
	TermPhase
	TermDate
)

func (k TermKind) String() string {
	switch k {
	case TermWord:
		return "word"
	case TermPhrase:
		return "phrase"
	case TermTag:
		return "tag"
	case TermSourceKind:
		return "kind"
	case TermParticipant:
		return "participant"
	case TermPhase:
		return "phase"
	case TermDate:
		return "date"
	}
	return fmt.Sprintf("TermKind(%d)", int(k))
}

// Term is one search-box token after parsing.
type Term struct {
	Kind   TermKind
	Value  string    // word, phrase or keyword value; empty for dates
	Prefix bool      // a word ending in '*'
	Fuzzy  bool      // a word ending in '~': also words one edit away
	From   time.Time // TermDate: inclusive start, zero = open
	To     time.Time // TermDate: exclusive end (day after the given date), zero = open
}

// Clause is satisfied when any of its alternatives matches (they were joined
// by OR); a negated clause excludes notes matching it.
type Clause struct {
	Alternatives []Term
	Negate       bool
}

// Query is the parsed search box: every clause must hold.
type Query struct {
	Clauses []Clause
}

// scores reports whether the query holds words or phrases to rank by,
// rather than only filters and exclusions.
func (q Query) scores() bool {
	for _, c := range q.Clauses {
		if c.Negate {
			continue
		}
		for _, t := range c.Alternatives {
			if t.Kind == TermWord || t.Kind == TermPhrase {
				return true
			}
		}
	}
	return false
}

// Empty reports whether the query has no clauses, i.e. matches everything.
func (q Query) Empty() bool { return len(q.Clauses) == 0 }

// fieldKinds maps the field prefixes users may type to term kinds. Anything
// else before a colon is plain text, so a prefix can never reach a field the
// parser does not know, such as the project.
var fieldKinds = map[string]TermKind{
	"tag":         TermTag,
	"kind":        TermSourceKind,
	"participant": TermParticipant,
	"phase":       TermPhase,
	"date":        TermDate,
}

// ParseQuery parses the search box language: bare words (AND), "phrases",
// -exclusions, tag:/kind:/participant:/phase:/date: filters and OR between
// terms. It never fails on odd input such as unbalanced quotes; it fails only
// on over-long queries and malformed dates.
func ParseQuery(s string) (Query, error) {
	if n := utf8.RuneCountInString(s); n > MaxQueryChars {
		return Query{}, fmt.Errorf("%w: %d characters, at most %d allowed", ErrInvalidQuery, n, MaxQueryChars)
	}
	p := parser{src: []rune(s)}
	return p.parse()
}

type parser struct {
	src    []rune
	pos    int
	q      Query
	nTerms int
	orNext bool // the previous token was OR
}

func (p *parser) parse() (Query, error) {
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.q, nil
		}
		if err := p.token(); err != nil {
			return Query{}, err
		}
	}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && unicode.IsSpace(p.src[p.pos]) {
		p.pos++
	}
}

// token reads one token at p.pos and adds what it means to the query.
func (p *parser) token() error {
	negate := false
	if p.src[p.pos] == '-' {
		negate = true
		p.pos++
		if p.pos >= len(p.src) || unicode.IsSpace(p.src[p.pos]) {
			return nil // a lone dash means nothing
		}
	}
	if p.src[p.pos] == '"' {
		return p.add([]Term{{Kind: TermPhrase, Value: p.quoted()}}, negate)
	}
	raw := p.bare()
	if raw == "OR" && !negate {
		p.orNext = true
		return nil
	}
	terms, err := p.interpret(raw)
	if err != nil {
		return err
	}
	return p.add(terms, negate)
}

// quoted reads a quoted string starting at the opening quote; a missing
// closing quote is treated as if the string ran to the end of the input.
func (p *parser) quoted() string {
	p.pos++ // opening quote
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != '"' {
		p.pos++
	}
	v := string(p.src[start:p.pos])
	if p.pos < len(p.src) {
		p.pos++ // closing quote
	}
	return strings.TrimSpace(v)
}

// bare reads up to white space or a quote. A known field prefix followed by
// a quote (tag:"a b") takes the quoted string as its value.
func (p *parser) bare() string {
	start := p.pos
	for p.pos < len(p.src) && !unicode.IsSpace(p.src[p.pos]) && p.src[p.pos] != '"' {
		p.pos++
	}
	raw := string(p.src[start:p.pos])
	if p.pos < len(p.src) && p.src[p.pos] == '"' && strings.HasSuffix(raw, ":") {
		if _, ok := fieldKinds[strings.ToLower(strings.TrimSuffix(raw, ":"))]; ok {
			return raw + "\x00" + p.quoted()
		}
	}
	return raw
}

// interpret turns one bare token into terms.
func (p *parser) interpret(raw string) ([]Term, error) {
	field, value, quoted := splitField(raw)
	if kind, ok := fieldKinds[strings.ToLower(field)]; ok && value != "" {
		if kind == TermDate {
			from, to, err := parseDateRange(value)
			if err != nil {
				return nil, err
			}
			return []Term{{Kind: TermDate, From: from, To: to}}, nil
		}
		if kind == TermSourceKind || kind == TermPhase {
			value = strings.ToLower(value)
		}
		return []Term{{Kind: kind, Value: value}}, nil
	}
	if quoted {
		// A known field with an empty quoted value: search the field name.
		raw = field
	}
	return words(raw), nil
}

// splitField splits "field:value"; the NUL marker from bare means the value
// was quoted.
func splitField(raw string) (field, value string, quoted bool) {
	if f, v, ok := strings.Cut(raw, "\x00"); ok {
		return strings.TrimSuffix(f, ":"), v, true
	}
	f, v, ok := strings.Cut(raw, ":")
	if !ok || f == "" {
		return "", raw, false
	}
	return f, v, false
}

// words splits a token on colons and strips stray punctuation, so
// "project:other" becomes the two words "project" and "other". A
// pseudonym code ("[Borger-1]", "Borger-1") is a participant, not words:
// the text index holds no codes.
func words(raw string) []Term {
	var out []Term
	for _, part := range strings.Split(raw, ":") {
		trimmed := strings.TrimRight(part, ",.;!?")
		if code, ok := codes.Parse(trimmed); ok {
			out = append(out, Term{Kind: TermParticipant, Value: code})
			continue
		}
		prefix := strings.HasSuffix(part, "*")
		fuzzy := !prefix && strings.HasSuffix(part, "~")
		w := strings.TrimFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		out = append(out, Term{Kind: TermWord, Value: w, Prefix: prefix, Fuzzy: fuzzy})
	}
	return out
}

// add appends terms as clauses; after OR the first term joins the previous
// clause. Negated terms never take part in OR.
func (p *parser) add(terms []Term, negate bool) error {
	if len(terms) == 0 {
		return nil
	}
	p.nTerms += len(terms)
	if p.nTerms > MaxQueryTerms {
		return fmt.Errorf("%w: more than %d terms", ErrInvalidQuery, MaxQueryTerms)
	}
	orNext := p.orNext
	p.orNext = false
	for i, t := range terms {
		n := len(p.q.Clauses)
		if i == 0 && orNext && !negate && n > 0 && !p.q.Clauses[n-1].Negate {
			p.q.Clauses[n-1].Alternatives = append(p.q.Clauses[n-1].Alternatives, t)
			continue
		}
		p.q.Clauses = append(p.q.Clauses, Clause{Alternatives: []Term{t}, Negate: negate})
	}
	return nil
}

const dateLayout = "2006-01-02"

// parseDateRange reads "A..B", "A..", "..B" or a single day "A". Dates are
// calendar days in UTC; the end day is included.
func parseDateRange(v string) (from, to time.Time, err error) {
	a, b, isRange := strings.Cut(v, "..")
	if !isRange {
		b = a
	}
	if a == "" && b == "" {
		return from, to, fmt.Errorf("%w: date range %q has no dates", ErrInvalidQuery, v)
	}
	if a != "" {
		if from, err = time.Parse(dateLayout, a); err != nil {
			return from, to, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalidQuery, a)
		}
	}
	if b != "" {
		end, err := time.Parse(dateLayout, b)
		if err != nil {
			return from, to, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalidQuery, b)
		}
		to = end.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, fmt.Errorf("%w: date range %q ends before it starts", ErrInvalidQuery, v)
	}
	return from, to, nil
}
