package search

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/da"
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

// translate turns a parsed query into Bleve must and must-not clauses. It
// never adds the project filter; Search does that for every query.
func (ix *Index) translate(q Query) (must, mustNot []query.Query) {
	for _, c := range q.Clauses {
		var alts []query.Query
		for _, t := range c.Alternatives {
			if bq := ix.term(t); bq != nil {
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
	return must, mustNot
}

// term translates one term; nil means it matches nothing worth asking
// (e.g. a stop word).
func (ix *Index) term(t Term) query.Query {
	switch t.Kind {
	case TermWord:
		return ix.word(t.Value, t.Prefix)
	case TermPhrase:
		st := ix.stems(t.Value)
		switch len(st) {
		case 0:
			return nil
		case 1:
			// All but one word are stop words, which a phrase lets any word
			// stand in for: that is the word alone, asked for as a term
			// rather than by checking positions in every note that has it.
			return keywordQuery(fieldText, st[0])
		}
		q := query.NewMatchPhraseQuery(t.Value)
		q.SetField(fieldText)
		q.Analyzer = da.AnalyzerName
		return q
	case TermTag:
		return keywordQuery(fieldTags, t.Value)
	case TermSourceKind:
		return keywordQuery(fieldSourceKind, t.Value)
	case TermParticipant:
		return keywordQuery(fieldParticipant, t.Value)
	case TermPhase:
		return keywordQuery(fieldPhases, t.Value)
	case TermDate:
		return dateQuery(t.From, t.To)
	}
	return nil
}

func (ix *Index) word(w string, prefix bool) query.Query {
	lower := strings.ToLower(w)
	if prefix && utf8.RuneCountInString(lower) >= minPrefix {
		return ix.prefix(lower)
	}
	st := ix.stems(lower)
	if len(st) == 0 {
		return nil
	}
	exact := matchQuery(lower)
	if utf8.RuneCountInString(lower) < fuzzyMinWord || len(st) != 1 || utf8.RuneCountInString(st[0]) < fuzzyMinStem {
		return exact
	}
	fuzzy := matchQuery(lower)
	fuzzy.SetFuzziness(1)
	fuzzy.SetPrefix(1)
	fuzzy.SetBoost(fuzzyBoost)
	return query.NewDisjunctionQuery([]query.Query{exact, fuzzy})
}

// prefix matches index terms (stems) starting with p. A typed prefix is
// often longer than the stem of the words it should find ("borgern*" for
// "borgerne", stem "borg"), so stems that are a slightly shorter prefix of p
// are matched as terms too.
func (ix *Index) prefix(p string) query.Query {
	alts := []query.Query{prefixQuery(p)}
	if st := ix.stems(p); len(st) == 1 && st[0] != p && utf8.RuneCountInString(st[0]) >= minPrefix {
		alts = append(alts, prefixQuery(st[0]))
	}
	r := []rune(p)
	for k := max(minStemTrim, len(r)-maxStemTrim); k < len(r); k++ {
		alts = append(alts, keywordQuery(fieldText, string(r[:k])))
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}

func matchQuery(w string) *query.MatchQuery {
	q := query.NewMatchQuery(w)
	q.SetField(fieldText)
	q.Analyzer = da.AnalyzerName
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

// stems runs text through the Danish analyzer: lower-cased, stop words
// dropped, stemmed.
func (ix *Index) stems(text string) []string {
	ts := ix.analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, tok := range ts {
		out = append(out, string(tok.Term))
	}
	return out
}
