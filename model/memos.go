package model

import (
	"strconv"
	"strings"
	"time"
)

// MemoKinds are the objects a memo can be written on.
var MemoKinds = []string{"source", "note", "tag", "insight", "highlight"}

// MaxMemo bounds a memo's text, in characters.
const MaxMemo = 10000

// MemoTarget is what a memo is written on: a kind and an id, spelled
// "kind:id" ("insight:12") in the API and in forms.
type MemoTarget struct {
	Kind string
	ID   int64
}

func (t MemoTarget) String() string { return t.Kind + ":" + strconv.FormatInt(t.ID, 10) }

// ParseMemoTarget reads "kind:id"; field names the input for the error.
func ParseMemoTarget(field, s string) (MemoTarget, error) {
	kind, idText, ok := strings.Cut(strings.TrimSpace(s), ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		return MemoTarget{}, Invalid(field, RuleFormat, "%s must look like insight:12 (source, note, tag, insight or highlight, then an id)", field)
	}
	for _, k := range MemoKinds {
		if k == kind {
			return MemoTarget{Kind: kind, ID: id}, nil
		}
	}
	return MemoTarget{}, Invalid(field, RuleOneOf, "%s must be a source, note, tag, insight or highlight, not %q", field, kind)
}

// Memo is a researcher's free text on a source, a note, a code, an
// insight or a highlight: Markdown-light (paragraphs, *emphasis*, lists), rendered escaped.
type Memo struct {
	ID        int64     `db:"id" json:"id,string"`
	ProjectID int64     `db:"project_id" json:"-"`
	Target    string    `db:"-" json:"target"`
	Body      string    `db:"body" json:"body"`
	AuthorID  *int64    `db:"created_by" json:"-"`
	Author    string    `db:"author" json:"author"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	// What the memo is on, one set; Target spells it. A memo on a
	// highlight also names the highlight's note (NoteID), so that it goes
	// with the note when that is erased.
	SourceID    *int64 `db:"source_id" json:"-"`
	NoteID      *int64 `db:"note_id" json:"-"`
	TagID       *int64 `db:"tag_id" json:"-"`
	InsightID   *int64 `db:"insight_id" json:"-"`
	HighlightID *int64 `db:"highlight_id" json:"-"`
}

// On is the memo's target, from whichever target column is set; a
// highlight before its note.
func (m Memo) On() MemoTarget {
	for _, c := range []struct {
		kind string
		id   *int64
	}{{"highlight", m.HighlightID}, {"source", m.SourceID}, {"note", m.NoteID}, {"tag", m.TagID}, {"insight", m.InsightID}} {
		if c.id != nil {
			return MemoTarget{Kind: c.kind, ID: *c.id}
		}
	}
	return MemoTarget{}
}

// ValidateMemo checks a memo's text.
func ValidateMemo(body string) error { return textField("body", body, 1, MaxMemo) }
