package model

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxHighlightRunes bounds a highlight's span, in characters.
const MaxHighlightRunes = 10000

// Highlight is a coded span of a note's text: a coded segment in
// QualCoder and NVivo, a PlainTextSelection in REFI-QDA. Start and End
// count characters (code points) of the note's stored text, End exclusive.
type Highlight struct {
	ID        int64     `db:"id" json:"id,string"`
	ProjectID int64     `db:"project_id" json:"-"`
	NoteID    int64     `db:"note_id" json:"note_id,string"`
	Start     int       `db:"start_at" json:"start"`
	End       int       `db:"end_at" json:"end"`
	Quote     string    `db:"quote" json:"quote"`
	AuthorID  *int64    `db:"created_by" json:"-"`
	Author    string    `db:"author" json:"author"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	Tags      []string  `db:"-" json:"tags"`
	// Of the note, for listings that show a highlight on its own.
	SourceID    int64  `db:"source_id" json:"source_id,string"`
	SourceTitle string `db:"source_title" json:"source_title"`
	Speaker     string `db:"speaker" json:"speaker"`
}

// SpanOf checks a span against a note's text and answers the span's text.
func SpanOf(text string, start, end int) (string, error) {
	n := utf8.RuneCountInString(text)
	switch {
	case start < 0 || start >= n:
		return "", Invalid("start", RuleRange, "start must be between 0 and %d", n-1)
	case end <= start || end > n:
		return "", Invalid("end", RuleRange, "end must be after start and at most %d", n)
	case end-start > MaxHighlightRunes:
		return "", Invalid("end", RuleRange, "a highlight is at most %d characters", MaxHighlightRunes)
	}
	r := []rune(text)
	return string(r[start:end]), nil
}

// RemapSpan moves a span of old text to the same words in new text, after
// an edit such as a redaction replaced part of it. The edit is taken as
// one changed region (the longest common prefix and suffix stay); a span
// wholly before or after it keeps its words, a span that overlaps it
// stretches or shrinks with it. ok is false when nothing of the span is
// left.
func RemapSpan(old, new string, start, end int) (s, e int, ok bool) {
	o, n := []rune(old), []rune(new)
	pre := 0
	for pre < len(o) && pre < len(n) && o[pre] == n[pre] {
		pre++
	}
	suf := 0
	for suf < len(o)-pre && suf < len(n)-pre && o[len(o)-1-suf] == n[len(n)-1-suf] {
		suf++
	}
	oldEnd, newEnd := len(o)-suf, len(n)-suf // the changed region is [pre, oldEnd) → [pre, newEnd)
	shift := func(p int, isEnd bool) int {
		switch {
		case p < pre || (p == pre && !isEnd):
			return p
		case p >= oldEnd:
			return p + newEnd - oldEnd
		case isEnd:
			return newEnd // inside the change: the span keeps what replaced it
		}
		return pre
	}
	s, e = shift(start, false), shift(end, true)
	if e > len(n) {
		e = len(n)
	}
	return s, e, e > s
}

// String names a highlight in messages and audit details.
func (h Highlight) String() string {
	return fmt.Sprintf("highlight:%d note:%d [%d,%d)", h.ID, h.NoteID, h.Start, h.End)
}

// FindSpan answers the span of the first occurrence of phrase in text, in
// characters as highlights count them; ok is false when it is not there.
func FindSpan(text, phrase string) (start, end int, ok bool) {
	i := strings.Index(text, phrase)
	if i < 0 || phrase == "" {
		return 0, 0, false
	}
	start = utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(phrase), true
}
