package model

import "time"

// Insight is a pattern found across notes, carried through the phases.
type Insight struct {
	ID             int64     `db:"id" json:"id,string"`
	ProjectID      int64     `db:"project_id" json:"-"`
	Title          string    `db:"title" json:"title"`
	Statement      string    `db:"statement" json:"statement"`
	Phase          Phase     `db:"phase" json:"phase"`
	PhaseChangedAt time.Time `db:"phase_changed_at" json:"phase_changed_at"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
	EvidenceCount  int       `db:"evidence_count" json:"evidence_count"`
}

// Validate checks an insight's text.
func (i Insight) Validate() error {
	if err := textField("title", i.Title, 1, 300); err != nil {
		return err
	}
	return textField("statement", i.Statement, 0, 10000)
}

// Stance says whether a note supports or contradicts an insight.
type Stance string

const (
	Supports    Stance = "supports"
	Contradicts Stance = "contradicts"
)

// ParseStance validates a stance; empty means supports.
func ParseStance(s string) (Stance, error) {
	if s == "" {
		return Supports, nil
	}
	return oneOf("stance", s, []Stance{Supports, Contradicts}, "stance %q must be supports or contradicts")
}

// PhaseEvent records one move of an insight between phases.
type PhaseEvent struct {
	ID        int64     `db:"id" json:"id,string"`
	InsightID int64     `db:"insight_id" json:"-"`
	From      *Phase    `db:"from_phase" json:"from"`
	To        Phase     `db:"to_phase" json:"to"`
	Reason    string    `db:"reason" json:"reason"`
	By        string    `db:"by_name" json:"by"`
	At        time.Time `db:"at" json:"at"`
}

// Evidence is a note linked to an insight, with the note's text. Evidence
// that is a highlight of the note cites it: HighlightID, its span (Start,
// End in characters of Text) and its Quote; they are nil and empty when
// the whole note is the evidence.
type Evidence struct {
	NoteID      int64  `db:"note_id" json:"note_id,string"`
	Stance      Stance `db:"stance" json:"stance"`
	Text        string `db:"text" json:"text"`
	Speaker     string `db:"speaker" json:"speaker"`
	SourceID    int64  `db:"source_id" json:"source_id,string"`
	SourceTitle string `db:"source_title" json:"source_title"`
	HighlightID *int64 `db:"highlight_id" json:"highlight_id,string,omitempty"`
	Start       *int   `db:"start_at" json:"start,omitempty"`
	End         *int   `db:"end_at" json:"end,omitempty"`
	Quote       string `db:"quote" json:"quote,omitempty"`
}

// InsightDetail is an insight with everything that backs it: the one read
// model of the insight page, the API's GET …/insights/{id} and the insight
// reports.
type InsightDetail struct {
	Insight
	LIX        float64           `json:"lix"`
	LIXLevel   string            `json:"lix_level"`
	Evidence   []Evidence        `json:"evidence"`
	History    []PhaseEvent      `json:"history"`
	Tests      []Test            `json:"tests"`
	Indicators []IndicatorEffect `json:"indicators"`
	Memos      []Memo            `json:"memos"`
}
