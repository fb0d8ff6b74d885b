package pii

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Confidence of a name match by what matched.
const (
	confFullName   = 0.95 // every part of a multi-part entry, in order
	confSingleName = 0.7  // an entry that is one word only
	confPart       = 0.6  // one part of one entry ("Karen", "Hansen")
	confSharedPart = 0.5  // a part that several entries have in common
	confLowerName  = 0.5  // a listed name written in lower case ("karen elise")
)

// namePattern is a sequence of words from a participant list entry with
// the separators between them, whitespace collapsed to one space.
type namePattern struct {
	words []string
	seps  []string
	value string
	conf  float64
	full  bool
	// word marks a part that is also a common Danish word ("Skov",
	// "Lykke", "Bo"): it counts only where it is used as a name.
	word bool
}

// nameIndex finds participant names. Patterns are keyed by their first
// word lowercased; firsts holds the exact first runes so that the vast
// majority of words (lowercase ones) are skipped without a lookup.
type nameIndex struct {
	byFirst map[string][]*namePattern
	firsts  map[rune]bool
	lead    [256]bool // first bytes of the runes in firsts: a cheap pre-check
}

// newNameIndex builds patterns for every full entry and for every part of
// three or more letters that starts with an uppercase letter. Value rules:
// a full name or a part unique to one entry maps to that entry (so "Karen"
// and "Karen Marie Hansen" get the same pseudonym); a part shared by
// several entries ("Hansen" in two families) maps to the part itself.
func newNameIndex(names []string) *nameIndex {
	pats := map[string]*namePattern{}
	for _, entry := range names {
		full := strings.Join(strings.Fields(entry), " ")
		if utf8.RuneCountInString(full) < 2 {
			continue
		}
		if p := patternOf(full, full); p != nil {
			p.full = true
			p.conf = confFullName
			if len(p.words) == 1 {
				p.conf = confSingleName
			}
			pats[p.key()] = p
		}
	}
	for _, entry := range names {
		full := strings.Join(strings.Fields(entry), " ")
		if utf8.RuneCountInString(full) < 2 {
			continue
		}
		for _, part := range nameParts(full) {
			addPart(pats, patternOf(part, full))
		}
	}
	for _, p := range lowerPatterns(pats) {
		if _, ok := pats[p.key()]; !ok {
			pats[p.key()] = p
		}
	}
	idx := &nameIndex{byFirst: map[string][]*namePattern{}, firsts: map[rune]bool{}}
	for _, p := range pats {
		k := strings.ToLower(p.words[0])
		idx.byFirst[k] = append(idx.byFirst[k], p)
		r, _ := utf8.DecodeRuneInString(p.words[0])
		idx.firsts[r] = true
		idx.lead[p.words[0][0]] = true
	}
	for _, ps := range idx.byFirst {
		sort.Slice(ps, func(i, j int) bool { return ps[i].key() < ps[j].key() })
	}
	return idx
}

// lowerPatterns adds a lower-case twin of every listed full name and part
// whose words are none a common Danish word, so that "karen elise" and
// "ib" are found but "hans" (his), "bo" (live) and "skov" are not.
func lowerPatterns(pats map[string]*namePattern) []*namePattern {
	var out []*namePattern
	for _, p := range pats {
		ok := true
		lw := make([]string, len(p.words))
		for i, w := range p.words {
			l := strings.ToLower(w)
			if utf8.RuneCountInString(l) < 2 || lex.collide[l] || lex.function[l] {
				ok = false
				break
			}
			lw[i] = l
		}
		if !ok || strings.Join(lw, "") == strings.Join(p.words, "") {
			continue
		}
		out = append(out, &namePattern{words: lw, seps: p.seps, value: p.value, conf: confLowerName, full: p.full})
	}
	return out
}

func addPart(pats map[string]*namePattern, p *namePattern) {
	if p == nil {
		return
	}
	p.conf = confPart
	old, ok := pats[p.key()]
	switch {
	case !ok:
		pats[p.key()] = p
	case old.full || old.value == p.value:
	default:
		old.value = p.text()
		old.conf = confSharedPart
	}
}

// nameParts lists the parts of an entry that also stand alone: each
// whitespace-separated part ("Hans-Erik") and each word in it ("Hans",
// "Erik"), when it has at least two letters and a capital first letter
// (short names such as Bo, Ib and Ea are found when they are listed).
func nameParts(full string) []string {
	var parts []string
	for _, f := range strings.Fields(full) {
		if isNamePart(f) {
			parts = append(parts, f)
		}
		for _, w := range words(f) {
			if w.text != f && isNamePart(w.text) {
				parts = append(parts, w.text)
			}
		}
	}
	return parts
}

func isNamePart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && utf8.RuneCountInString(s) >= 2
}

// patternOf splits s into words and separators; nil when s has no letters.
func patternOf(s, value string) *namePattern {
	ws := words(s)
	if len(ws) == 0 {
		return nil
	}
	p := &namePattern{value: value, word: len(ws) == 1 && lex.collide[strings.ToLower(ws[0].text)]}
	for i, w := range ws {
		p.words = append(p.words, w.text)
		if i > 0 {
			p.seps = append(p.seps, collapseSpace(s[ws[i-1].end:w.start]))
		}
	}
	return p
}

func (p *namePattern) key() string { return p.text() }

func (p *namePattern) text() string {
	var b strings.Builder
	for i, w := range p.words {
		if i > 0 {
			b.WriteString(p.seps[i-1])
		}
		b.WriteString(w)
	}
	return b.String()
}

type word struct {
	text       string
	start, end int
}

func words(s string) []word {
	var ws []word
	for pos := 0; ; {
		w, ok := nextWord(s, pos)
		if !ok {
			return ws
		}
		ws = append(ws, w)
		pos = w.end
	}
}

// nextWord returns the next run of letters at or after pos. Letters are
// Unicode letters (æ, ø, å, é, ð …), so "Ævar" is one word and "Ævarsdóttir"
// does not contain the word "Ævar".
func nextWord(s string, pos int) (word, bool) {
	for pos < len(s) {
		c := s[pos]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) {
				break
			}
			pos++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[pos:])
		if isLetter(r) {
			break
		}
		pos += n
	}
	if pos >= len(s) {
		return word{}, false
	}
	end := pos
	for end < len(s) {
		c := s[end]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			end++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[end:])
		if !isLetter(r) {
			break
		}
		end += n
	}
	return word{text: s[pos:end], start: pos, end: end}, true
}

func isASCIILetter(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z'
}

func collapseSpace(s string) string {
	if strings.TrimSpace(s) == "" && s != "" {
		return " "
	}
	return strings.Join(strings.Fields(s), " ")
}

// maxNameGap bounds the whitespace and punctuation looked at between two
// words of a name, so a capitalized word before a long run of symbols costs
// little.
const maxNameGap = 32

// appendNames emits every pattern that matches at every word, and leaves
// the choice between overlapping ones (full name over part) to resolve.
func (idx *nameIndex) appendNames(out []Match, text string) []Match {
	if idx == nil || len(idx.byFirst) == 0 {
		return out
	}
	for pos := 0; ; {
		w, ok := idx.nextCandidate(text, pos)
		if !ok {
			return out
		}
		pos = w.end
		first, _ := utf8.DecodeRuneInString(w.text)
		if !idx.firsts[first] {
			continue
		}
		out = idx.appendAt(out, text, w)
	}
}

func (idx *nameIndex) appendAt(out []Match, text string, w word) []Match {
	var buf [64]byte
	var lower string
	if len(w.text) < len(buf) {
		lower = unsafeLower(buf[:0], w.text) // only for lookups below, never stored
	} else {
		lower = strings.ToLower(w.text)
	}
	for _, p := range idx.byFirst[lower] {
		if end, ok := p.matchAt(text, w); ok && (!p.word || usedAsName(text, w.start, end)) {
			out = append(out, Match{Kind: Name, Start: w.start, End: end, Value: p.value, Confidence: p.conf})
		}
	}
	// Danish genitive: "Karens", "Hansens". The "s" stays outside the match,
	// so a pseudonym keeps the grammar: "Borger 1s mor".
	if stem, ok := strings.CutSuffix(lower, "s"); ok && stem != "" {
		for _, p := range idx.byFirst[stem] {
			if len(p.words) == 1 && sameName(p.words[0], w.text[:len(w.text)-1]) && (!p.word || usedAsName(text, w.start, w.end)) {
				out = append(out, Match{Kind: Name, Start: w.start, End: w.end - 1, Value: p.value, Confidence: p.conf})
			}
		}
	}
	return out
}

// matchAt reports whether p matches the text from word w on, and the end
// of the match. The last word may carry a genitive "s", left outside.
func (p *namePattern) matchAt(text string, w word) (int, bool) {
	if !sameName(p.words[0], w.text) {
		return 0, false
	}
	end := w.end
	for i := 1; i < len(p.words); i++ {
		next, ok := wordAfterGap(text, end)
		if !ok || collapseSpace(text[end:next.start]) != p.seps[i-1] {
			return 0, false
		}
		switch {
		case sameName(p.words[i], next.text):
			end = next.end
		case i == len(p.words)-1 && strings.HasSuffix(next.text, "s") && sameName(p.words[i], next.text[:len(next.text)-1]):
			end = next.end - 1
		default:
			return 0, false
		}
	}
	return end, true
}

// wordAfterGap returns the word that follows pos after at most maxNameGap
// bytes of non-letters.
func wordAfterGap(text string, pos int) (word, bool) {
	for gap := pos; gap < len(text) && gap-pos <= maxNameGap; {
		r, n := utf8.DecodeRuneInString(text[gap:])
		if isLetter(r) {
			return nextWord(text, gap)
		}
		gap += n
	}
	return word{}, false
}

// sameName compares a listed word with a text word: the first letter
// exactly (so "Hansen" is a name but "hansen" in running text is not
// treated as one), the rest case-insensitively ("HANSEN" in a heading).
func sameName(listed, got string) bool {
	r1, n1 := utf8.DecodeRuneInString(listed)
	r2, n2 := utf8.DecodeRuneInString(got)
	return r1 == r2 && strings.EqualFold(listed[n1:], got[n2:])
}

// usedAsName tells whether a listed name that is also a word ("Skov",
// "Lykke") is used as a name at text[start:end]: capitalized in
// mid-sentence, or next to another capitalized word or a pseudonym code,
// or before a speech verb ("Lykke fortæller").
func usedAsName(text string, start, end int) bool {
	if !isCapitalized(text[start:end]) {
		return false
	}
	if !atSentenceStart(text, start) {
		return true
	}
	if start >= 2 && text[start-1] == ' ' && text[start-2] == ']' {
		return true
	}
	if nw, ok := nextWord(text, end); ok && nw.start == end+1 && text[end] == ' ' && isCapitalized(nw.text) {
		return true
	}
	return cueAfter[wordAfter(text, end)]
}

// lowerMatch matches a listed one-word name or part written in lower case
// at w, whatever its length (for file names: "interview-ib.txt").
func (idx *nameIndex) lowerMatch(text string, w word) *Match {
	for _, p := range idx.byFirst[strings.ToLower(w.text)] {
		if len(p.words) == 1 {
			return &Match{Kind: Name, Start: w.start, End: w.end, Value: p.value, Confidence: confLowerName}
		}
	}
	return nil
}

// nextCandidate returns the next word at or after pos whose first byte
// may start a listed name, skipping every other word with a byte loop.
func (idx *nameIndex) nextCandidate(text string, pos int) (word, bool) {
	for i := pos; i < len(text); i++ {
		if !idx.lead[text[i]] || (i > 0 && letterBefore(text, i)) {
			continue
		}
		if w, ok := nextWord(text, i); ok && w.start == i {
			return w, true
		}
	}
	return word{}, false
}

// letterBefore reports whether a letter ends right before i.
func letterBefore(text string, i int) bool {
	if c := text[i-1]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isLetter(r)
}

// nextCapital returns the next word at or after pos that starts with a
// capital letter, skipping lower-case words with a byte loop.
func nextCapital(text string, pos int) (word, bool) {
	for i := pos; i < len(text); i++ {
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			if c < 'A' || c > 'Z' {
				continue
			}
		case utf8.RuneStart(c):
			r, _ := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsUpper(r) {
				continue
			}
		default:
			continue
		}
		if i > 0 && letterBefore(text, i) {
			continue
		}
		if w, ok := nextWord(text, i); ok && w.start == i {
			return w, true
		}
	}
	return word{}, false
}
