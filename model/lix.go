package model

import (
	"strings"
	"unicode"
)

// LIX computes Björnsson's readability index, the measure Danish public
// bodies use for plain language: words/sentences + 100·long words/words.
//
// Choices, so that results are predictable:
//   - A word is a whitespace-separated token with at least one letter (any
//     script, so æ, ø and å count). Pure numbers and symbols ("2026", "–",
//     "1-2-3") are not words. A hyphenated compound ("borger-land") is one word.
//   - A word is long when it has more than six letters; digits and punctuation
//     inside it do not count.
//   - A sentence ends at a token ending in . : ! or ? (closing quotes and
//     brackets after it are ignored), so "12.5" and "kl. 10:30" split only
//     where the mark is followed by a space. Abbreviations such as "f.eks."
//     end a sentence, as in other LIX calculators.
//   - A blank line always ends a sentence (headings, list items); a single line
//     break ends one when the next line starts with a capital letter or a list
//     bullet, since a wrapped sentence continues in lower case.
//
// Text without words scores 0.
func LIX(text string) float64 {
	c := lixCounter{}
	fields := lixTokens(text)
	for _, f := range fields {
		c.add(f)
	}
	c.endSentence()
	if c.words == 0 {
		return 0
	}
	return float64(c.words)/float64(c.sentences) + 100*float64(c.long)/float64(c.words)
}

type lixCounter struct {
	words, long, sentences int
	inSentence             bool // the current sentence has at least one word
}

func (c *lixCounter) add(f lixToken) {
	if f.breakBefore {
		c.endSentence()
	}
	letters := 0
	for _, r := range f.text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters > 0 {
		c.words++
		c.inSentence = true
		if letters > 6 {
			c.long++
		}
	}
	if lixEndsSentence(f.text) {
		c.endSentence()
	}
}

func (c *lixCounter) endSentence() {
	if c.inSentence {
		c.sentences++
		c.inSentence = false
	}
}

// lixToken is a whitespace-separated piece of text; breakBefore is true when the
// whitespace before it ends a sentence.
type lixToken struct {
	text        string
	breakBefore bool
}

func lixTokens(text string) []lixToken {
	var out []lixToken
	newlines, start := 0, -1
	for i, r := range text {
		switch {
		case !unicode.IsSpace(r):
			if start < 0 {
				start = i
				out = append(out, lixToken{breakBefore: newlines >= 2 || (newlines == 1 && lixStartsLine(text[i:]))})
			}
		case start >= 0:
			out[len(out)-1].text = text[start:i]
			start, newlines = -1, 0
			fallthrough
		default:
			if r == '\n' {
				newlines++
			}
		}
	}
	if start >= 0 {
		out[len(out)-1].text = text[start:]
	}
	return out
}

// lixStartsLine reports whether a line beginning with s starts something new: a
// capital letter or a list bullet.
func lixStartsLine(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || strings.ContainsRune("-*•–", r)
	}
	return false
}

func lixEndsSentence(tok string) bool {
	tok = strings.TrimRight(tok, `"'»«”“’)]}`)
	if tok == "" {
		return false
	}
	switch tok[len(tok)-1] {
	case '.', ':', '!', '?':
		return true
	}
	return false
}

// LIX bands as Danish readers know them.
var lixBands = []struct {
	below  float64
	da, en string
}{
	{25, "Meget let", "Very easy"},
	{35, "Let", "Easy"},
	{45, "Middel", "Medium"},
	{55, "Svær", "Difficult"},
}

// LIXLevel names a LIX score's band in Danish: Meget let (<25), Let (25–34),
// Middel (35–44), Svær (45–54), Meget svær (55 and above).
func LIXLevel(lix float64) string {
	for _, b := range lixBands {
		if lix < b.below {
			return b.da
		}
	}
	return "Meget svær"
}

// LIXLevelEN is LIXLevel in English.
func LIXLevelEN(lix float64) string {
	for _, b := range lixBands {
		if lix < b.below {
			return b.en
		}
	}
	return "Very difficult"
}
