package parse

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Why notes and words are bounded: everything after the parser (personal
// data finder, codebook matcher, Danish analyzer, Bleve's term vectors and
// highlighter) costs memory in proportion to the longest note and the
// longest token, and a note stays in the change log until indexed, so one
// pathological note could exhaust memory again at every restart. A long
// note is split where a reader would pause (a blank line, a line break,
// the end of a sentence, else a space); a word longer than MaxWordBytes is
// no word a person wrote (a pasted image, a binary blob, an attack) and
// refuses the file with the limit named.

// bound applies MaxWordBytes, MaxNoteBytes and MaxNotesPerFile to a parsed
// document's segments; lim has its defaults filled.
func bound(segs []Segment, lim Limits) ([]Segment, error) {
	if len(segs) > lim.MaxNotesPerFile {
		return nil, tooManyNotes(lim.MaxNotesPerFile)
	}
	var out []Segment
	for i, s := range segs {
		if n := longestWord(s.Text); n > lim.MaxWordBytes {
			return nil, tooLongWord(lim.MaxWordBytes)
		}
		if len(s.Text) <= lim.MaxNoteBytes {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append(make([]Segment, 0, len(segs)+1), segs[:i]...)
		}
		for _, piece := range splitNote(s.Text, lim.MaxNoteBytes) {
			p := s
			p.Text = piece
			out = append(out, p)
			if len(out) > lim.MaxNotesPerFile {
				return nil, tooManyNotes(lim.MaxNotesPerFile)
			}
		}
	}
	if out == nil {
		return segs, nil
	}
	return out, nil
}

func tooManyNotes(max int) error {
	return fmt.Errorf("more than %d notes in one file (limit INDSIGT_MAX_NOTES_PER_FILE): split the file: %w", max, ErrTooLarge)
}

func tooLongWord(max int) error {
	return fmt.Errorf("a word longer than %d bytes (limit INDSIGT_MAX_WORD_BYTES): %w", max, ErrTooLarge)
}

// longestWord is the length in bytes of the longest run without white space.
func longestWord(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			run = 0
			continue
		}
		run += utf8.RuneLen(r)
		if run > longest {
			longest = run
		}
	}
	return longest
}

// splitNote cuts text into pieces of at most max bytes, each cut at the
// last paragraph break, line break, sentence end or space inside the
// window (preferring the first of those that leaves at least half the
// window), never inside a word: longestWord(text) <= max holds.
func splitNote(text string, max int) []string {
	var out []string
	for len(text) > max {
		window := text[:max+1] // the cut may fall on the byte just past max (a space)
		cut := -1
		for _, sep := range []string{"\n\n", "\n", ". ", "! ", "? ", " ", "\t"} {
			if i := strings.LastIndex(window, sep); i > 0 && (i >= max/2 || sep == " " || sep == "\t") {
				cut = i + len(sep) - 1
				if sep == "\n\n" || sep == "\n" {
					cut = i
				}
				if cut > max {
					cut = i
				}
				break
			}
		}
		if cut <= 0 {
			// No white space at all: only when longestWord > max, which
			// the caller rules out; cut on a rune boundary to stay safe.
			cut = max
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		if piece := strings.TrimSpace(text[:cut]); piece != "" {
			out = append(out, piece)
		}
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
	}
	if piece := strings.TrimSpace(text); piece != "" {
		out = append(out, piece)
	}
	return out
}
