// Package codes recognises the pseudonym codes that ingest writes into
// note text in place of personal data: "[Borger-3]", "[CPR-1]",
// "[Telefon-2]", "[E-mail-1]", "[Adresse-1]", "[Person-2]", and the bare
// speaker codes "Borger-3" and "Medarbejder-1".
//
// A code stands for a person (or one of their details), not for the
// Danish word in its label: the index keeps codes as keywords of their own
// and blanks them out of the analysed text, and clustering ignores them, so
// that a search for "borger" never finds a note only because it mentions
// "[Borger-3]".
//
// The package is pure: no I/O, no state.
package codes

import (
	"bytes"
	"regexp"
	"strings"
)

// A code is "[" Label "-" N "]" (the label letters with inner hyphens, as
// in "E-mail"), or a bare Borger-N / Medarbejder-N speaker code.
var codeRE = regexp.MustCompile(`\[(\p{L}+(?:-\p{L}+)*-[0-9]{1,9})\]|\b((?:Borger|Medarbejder)-[0-9]{1,9})\b`)

// exactRE matches one whole code as a search-box token.
var exactRE = regexp.MustCompile(`^(?:\[(\p{L}+(?:-\p{L}+)*-[0-9]{1,9})\]|(\p{L}+(?:-\p{L}+)*-[0-9]{1,9}))$`)

// Code is one occurrence of a code in a text.
type Code struct {
	Start, End int    // byte offsets of the whole occurrence, brackets included
	Value      string // the code without brackets, e.g. "Borger-3"
}

// mayHold is a cheap test that lets most texts skip the regular expression.
func mayHold(s string) bool {
	return strings.IndexByte(s, '[') >= 0 || strings.Contains(s, "Borger-") || strings.Contains(s, "Medarbejder-")
}

// Find returns the codes in text in order of appearance.
func Find(text string) []Code {
	if !mayHold(text) {
		return nil
	}
	var out []Code
	for _, m := range codeRE.FindAllStringSubmatchIndex(text, -1) {
		c := Code{Start: m[0], End: m[1]}
		if m[2] >= 0 {
			c.Value = text[m[2]:m[3]]
		} else {
			c.Value = text[m[4]:m[5]]
		}
		out = append(out, c)
	}
	return out
}

// Values returns the distinct codes in text, in order of first appearance.
func Values(text string) []string {
	cs := Find(text)
	if len(cs) == 0 {
		return nil
	}
	out := make([]string, 0, len(cs))
	seen := make(map[string]bool, len(cs))
	for _, c := range cs {
		if !seen[c.Value] {
			seen[c.Value] = true
			out = append(out, c.Value)
		}
	}
	return out
}

// Blank returns text with every code replaced by spaces of the same byte
// length, so that offsets into the text (highlights) stay valid. It
// returns text itself when there is no code.
func Blank(text []byte) []byte {
	if !mayHold(string(text)) {
		return text
	}
	locs := codeRE.FindAllIndex(text, -1)
	if len(locs) == 0 {
		return text
	}
	out := bytes.Clone(text)
	for _, l := range locs {
		for i := l[0]; i < l[1]; i++ {
			out[i] = ' '
		}
	}
	return out
}

// BlankString is Blank for strings.
func BlankString(text string) string {
	if !mayHold(text) {
		return text
	}
	return string(Blank([]byte(text)))
}

// Parse reports whether s, a token typed in the search box, is one code
// ("[Borger-1]", or "Borger-1" and "E-mail-2" with a label ingest writes) and returns it without brackets.
func Parse(s string) (string, bool) {
	m := exactRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	if m[1] != "" {
		return m[1], true
	}
	// Without brackets only the labels ingest writes count, so that
	// "COVID-19" stays a word.
	i := strings.LastIndexByte(m[2], '-')
	if !knownLabels[strings.ToLower(m[2][:i])] {
		return "", false
	}
	return m[2], true
}

// knownLabels are the labels ingest writes (pii.Label and the staff label).
var knownLabels = map[string]bool{"borger": true, "medarbejder": true, "cpr": true, "telefon": true, "e-mail": true, "adresse": true, "person": true}

// personLabels are the labels of codes that stand for a person rather than
// for one of their details (a number, an address).
var personLabels = map[string]bool{"borger": true, "medarbejder": true, "person": true, "deltager": true, "pårørende": true, "navn": true}

// IsPerson reports whether the code stands for a person, so that it
// belongs among a note's participants.
func IsPerson(code string) bool {
	i := strings.LastIndexByte(code, '-')
	if i <= 0 {
		return false
	}
	return personLabels[strings.ToLower(code[:i])]
}
