package qdpx

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraph is a piece of a source's text that becomes one note: Text is
// exactly the runes [Start, End) of the source's text (after Tidy).
type Paragraph struct {
	Start, End int
	Text       string
}

// Tidy makes a source's text storable without moving any character: a
// control character other than a line break or tab (a NUL, a carriage
// return) becomes a space, one rune for one, so offsets stay true.
func Tidy(text string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return ' '
		}
		return r
	}, text)
}

// Paragraphs splits a text as a txt upload is split: at blank lines, each
// paragraph trimmed of surrounding white space; a paragraph longer than
// maxBytes is cut at the last white space before the limit (or, in one
// long word, at the limit). The offsets count runes of text.
func Paragraphs(text string, maxBytes int) []Paragraph {
	var out []Paragraph
	pos := 0 // rune offset of the current line
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, trimmed(strings.Join(cur, "\n"), start, maxBytes)...)
		}
		cur = nil
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if strings.TrimSpace(body) == "" {
			flush()
		} else {
			if cur == nil {
				start = pos
			}
			cur = append(cur, body)
		}
		pos += utf8.RuneCountInString(line)
	}
	flush()
	return out
}

// trimmed trims a paragraph starting at rune start and cuts it to size.
func trimmed(p string, start, maxBytes int) []Paragraph {
	lead := len(p) - len(strings.TrimLeftFunc(p, unicode.IsSpace))
	start += utf8.RuneCountInString(p[:lead])
	p = strings.TrimSpace(p)
	var out []Paragraph
	for p != "" {
		piece := p
		if maxBytes > 0 && len(p) > maxBytes {
			piece = cut(p, maxBytes)
		}
		n := utf8.RuneCountInString(piece)
		if t := strings.TrimRightFunc(piece, unicode.IsSpace); t != "" {
			out = append(out, Paragraph{Start: start, End: start + utf8.RuneCountInString(t), Text: t})
		}
		rest := p[len(piece):]
		skip := len(rest) - len(strings.TrimLeftFunc(rest, unicode.IsSpace))
		start += n + utf8.RuneCountInString(rest[:skip])
		p = rest[skip:]
	}
	return out
}

// cut is the head of p of at most max bytes, ending at white space when
// there is some, never inside a rune.
func cut(p string, max int) string {
	end := max
	for end > 0 && !utf8.RuneStart(p[end]) {
		end--
	}
	if i := strings.LastIndexFunc(p[:end], unicode.IsSpace); i > 0 {
		_, size := utf8.DecodeRuneInString(p[i:])
		return p[:i+size]
	}
	if end == 0 {
		_, size := utf8.DecodeRuneInString(p)
		end = size
	}
	return p[:end]
}
