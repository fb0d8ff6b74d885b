package pii

import (
	"strings"
	"unicode/utf8"
)

// appendEmails finds e-mail addresses by expanding around each "@": a
// hand-written scan is linear and, unlike a regexp with a class before the
// "@", does not re-scan long words. Letters include æøå and every other
// Unicode letter (internationalized addresses); a trailing dot or hyphen is
// punctuation, not part of the address.
func appendEmails(out []Match, text string) []Match {
	from := 0
	for {
		k := strings.IndexByte(text[from:], '@')
		if k < 0 {
			return out
		}
		at := from + k
		from = at + 1
		start := scanLocal(text, at)
		end := scanDomain(text, at+1)
		if start == at || end == at+1 {
			continue
		}
		out = append(out, Match{
			Kind: Email, Start: start, End: end,
			Value:      strings.ToLower(text[start:end]),
			Confidence: 0.99,
		})
	}
}

// scanLocal returns where the local part ending at at begins (at when
// there is none).
func scanLocal(text string, at int) int {
	start := at
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if !isLocalRune(r) {
			break
		}
		start -= n
	}
	for start < at && text[start] == '.' {
		start++
	}
	return start
}

// scanDomain returns the end of a valid domain beginning at from, or from
// when there is none: labels of letters, digits and inner hyphens, at
// least two labels, and a top-level label of two or more letters.
func scanDomain(text string, from int) int {
	end := from
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !isDigitOrLetter(r) && r != '-' && r != '.' {
			break
		}
		end += n
	}
	domain := strings.TrimRight(text[from:end], ".-")
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return from
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return from
		}
	}
	if !isTLD(labels[len(labels)-1]) {
		return from
	}
	return from + len(domain)
}

func isTLD(s string) bool {
	n := 0
	for _, r := range s {
		if !isLetter(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func isLocalRune(r rune) bool {
	return isDigitOrLetter(r) || strings.ContainsRune("._%+-", r)
}
