package search

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Tuning of bare-word matching.
const (
	// fuzzyMinWord and fuzzyMinStem gate the edit-distance-1 alternative.
	// The distance applies to the stem, and short Danish stems have many
	// neighbours one edit away ("borg" → "sorg", "bor"), so both the typed
	// word and its stem must be long.
	fuzzyMinWord = 6
	fuzzyMinStem = 5
	// fuzzyBoost keeps fuzzy matches below exact ones in the ranking.
	fuzzyBoost = 0.2
	// minPrefix keeps "a*" from expanding to most of the term dictionary.
	minPrefix = 3
	// A prefix may reach stems up to maxStemTrim letters shorter, but never
	// shorter than minStemTrim letters.
	maxStemTrim = 4
	minStemTrim = 4
)

// Bounds on the expansion of one query: together they keep any search-box
// text from asking Bleve for an unbounded disjunction.
const (
	// MaxPrefixTerms is how many prefix (word*) terms a query may hold.
	MaxPrefixTerms = 8
	// MaxFuzzyTerms is how many fuzzy (word~) terms a query may hold.
	MaxFuzzyTerms = 8
	// MaxPrefixExpansion is how many index terms one prefix may stand for.
	MaxPrefixExpansion = 2000
	// MaxExpandedTerms is how many index terms all prefixes of a query may
	// stand for together.
	MaxExpandedTerms = 4000
)

// translation turns a parsed query into Bleve clauses for one shard,
// counting the expansions it asks for.
type translation struct {
	sh            *shard
	fuzzy         bool // add the fuzzy alternative to long words
	fuzzyPossible bool // some word could have one
	prefixes      int
	fuzzies       int
	expanded      int

	tagSpelling map[string]string // Request.TagSpelling
}

// translate turns a parsed query into Bleve must and must-not clauses;
// buildQuery adds the request's filters.
func (tr *translation) translate(q Query) (must, mustNot []query.Query, err error) {
	for _, c := range q.Clauses {
		var alts []query.Query
		for _, t := range c.Alternatives {
			bq, err := tr.term(t)
			if err != nil {
				return nil, nil, err
			}
			if bq != nil {
				alts = append(alts, bq)
			}
		}
		if len(alts) == 0 {
			continue // only stop words: the clause constrains nothing
		}
		var bq query.Query = alts[0]
		if len(alts) > 1 {
			bq = query.NewDisjunctionQuery(alts)
		}
		if c.Negate {
			mustNot = append(mustNot, bq)
		} else {
			must = append(must, bq)
		}
	}
	return must, mustNot, nil
}

// term translates one term; nil means it matches nothing worth asking
// (e.g. a stop word).
func (tr *translation) term(t Term) (query.Query, error) {
	switch t.Kind {
	case TermWord:
		return tr.word(t)
	case TermPhrase:
		st := tr.sh.stems(t.Value)
		switch len(st) {
		case 0:
			return nil, nil
		case 1:
			// All but one word are stop words, which a phrase lets any word
			// stand in for: that is the word alone, asked for as a term
			// rather than by checking positions in every note that has it.
			return keywordQuery(fieldText, st[0]), nil
		}
		q := query.NewMatchPhraseQuery(t.Value)
		q.SetField(fieldText)
		q.Analyzer = notesAnalyzer
		return q, nil
	case TermTag:
		if name, ok := tr.tagSpelling[strings.ToLower(t.Value)]; ok {
			return keywordQuery(fieldTags, name), nil
		}
		return keywordQuery(fieldTags, t.Value), nil
	case TermSourceKind:
		return keywordQuery(fieldSourceKind, t.Value), nil
	case TermParticipant:
		// A participant is the speaker or anyone the note mentions by code;
		// a code of a detail ("CPR-1") is found among the codes.
		return query.NewDisjunctionQuery([]query.Query{keywordQuery(fieldParticipant, t.Value), keywordQuery(fieldCodes, t.Value)}), nil
	case TermPhase:
		return keywordQuery(fieldPhases, t.Value), nil
	case TermDate:
		return dateQuery(t.From, t.To), nil
	}
	return nil, nil
}

func (tr *translation) word(t Term) (query.Query, error) {
	lower := strings.ToLower(t.Value)
	if t.Prefix && utf8.RuneCountInString(lower) >= minPrefix {
		return tr.prefix(lower)
	}
	st := tr.sh.stems(lower)
	if len(st) == 0 {
		return nil, nil
	}
	exact := matchQuery(lower)
	if t.Fuzzy {
		tr.fuzzies++
		if tr.fuzzies > MaxFuzzyTerms {
			return nil, fmt.Errorf("%w: too many fuzzy terms (word~); at most %d", ErrInvalidQuery, MaxFuzzyTerms)
		}
		return query.NewDisjunctionQuery([]query.Query{exact, fuzzyQuery(lower)}), nil
	}
	if utf8.RuneCountInString(lower) < fuzzyMinWord || len(st) != 1 || utf8.RuneCountInString(st[0]) < fuzzyMinStem {
		return exact, nil
	}
	tr.fuzzyPossible = true
	if !tr.fuzzy {
		return exact, nil
	}
	tr.fuzzies++
	if tr.fuzzies > MaxFuzzyTerms {
		return exact, nil // the spelling fallback corrects only the first words
	}
	return query.NewDisjunctionQuery([]query.Query{exact, fuzzyQuery(lower)}), nil
}

func fuzzyQuery(w string) query.Query {
	q := matchQuery(w)
	q.SetFuzziness(1)
	q.SetPrefix(1)
	q.SetBoost(fuzzyBoost)
	return q
}

// prefix matches index terms (stems) starting with p. A typed prefix is
// often longer than the stem of the words it should find ("borgern*" for
// "borgerne", stem "borg"), so stems that are a slightly shorter prefix of p
// are matched as terms too.
func (tr *translation) prefix(p string) (query.Query, error) {
	tr.prefixes++
	if tr.prefixes > MaxPrefixTerms {
		return nil, fmt.Errorf("%w: too many prefix terms (word*); at most %d", ErrInvalidQuery, MaxPrefixTerms)
	}
	if err := tr.expand(p); err != nil {
		return nil, err
	}
	alts := []query.Query{prefixQuery(p)}
	if st := tr.sh.stems(p); len(st) == 1 && st[0] != p && utf8.RuneCountInString(st[0]) >= minPrefix {
		if err := tr.expand(st[0]); err != nil {
			return nil, err
		}
		alts = append(alts, prefixQuery(st[0]))
	}
	r := []rune(p)
	for k := max(minStemTrim, len(r)-maxStemTrim); k < len(r); k++ {
		alts = append(alts, keywordQuery(fieldText, string(r[:k])))
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return query.NewDisjunctionQuery(alts), nil
}

// expand counts the index terms starting with p, failing when the prefix
// or the query as a whole would stand for too many.
func (tr *translation) expand(p string) error {
	n, err := tr.sh.countPrefix(p, MaxPrefixExpansion+1)
	if err != nil {
		return err
	}
	if n > MaxPrefixExpansion {
		return fmt.Errorf("%w: %q* matches more than %d words; type more letters", ErrInvalidQuery, p, MaxPrefixExpansion)
	}
	tr.expanded += n
	if tr.expanded > MaxExpandedTerms {
		return fmt.Errorf("%w: the prefixes match more than %d words together; type more letters or fewer prefixes", ErrInvalidQuery, MaxExpandedTerms)
	}
	return nil
}

// countPrefix counts the text terms starting with p, up to limit.
func (sh *shard) countPrefix(p string, limit int) (int, error) {
	r, err := sh.reader()
	if err != nil {
		return 0, err
	}
	defer func() { _ = r.Close() }()
	d, err := r.FieldDictPrefix(fieldText, []byte(p))
	if err != nil {
		return 0, fmt.Errorf("search: read term dictionary: %w", err)
	}
	defer func() { _ = d.Close() }()
	n := 0
	for n < limit {
		e, err := d.Next()
		if err != nil {
			return 0, fmt.Errorf("search: read term dictionary: %w", err)
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}

func matchQuery(w string) *query.MatchQuery {
	q := query.NewMatchQuery(w)
	q.SetField(fieldText)
	q.Analyzer = notesAnalyzer
	q.SetOperator(query.MatchQueryOperatorAnd)
	return q
}

func prefixQuery(p string) query.Query {
	q := query.NewPrefixQuery(p)
	q.SetField(fieldText)
	return q
}

func keywordQuery(field, v string) query.Query {
	q := query.NewTermQuery(v)
	q.SetField(field)
	return q
}

// dateQuery matches from (inclusive) up to to (exclusive); a zero bound is
// open.
func dateQuery(from, to time.Time) query.Query {
	if from.IsZero() && to.IsZero() {
		return nil
	}
	incl, excl := true, false
	q := query.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
	q.SetField(fieldDate)
	return q
}

// stems runs text through the notes analyzer: codes blanked, lower-cased,
// stop words dropped, stemmed.
func (sh *shard) stems(text string) []string {
	ts := sh.analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, tok := range ts {
		out = append(out, string(tok.Term))
	}
	return out
}
