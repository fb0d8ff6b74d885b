package model

import (
	"regexp"
	"time"
)

// SourceKind says how a source was gathered.
type SourceKind string

// Source kinds; a borgerkonference is a workshop.
const (
	KindInterview   SourceKind = "interview"
	KindObservation SourceKind = "observation"
	KindWorkshop    SourceKind = "workshop"
	KindTest        SourceKind = "test"
)

// ParseSourceKind validates a source kind.
func ParseSourceKind(s string) (SourceKind, error) {
	switch k := SourceKind(s); k {
	case KindInterview, KindObservation, KindWorkshop, KindTest:
		return k, nil
	}
	return "", Invalid("kind", RuleOneOf, "unknown source kind %q (use interview, observation, workshop or test)", s)
}

// Source is one ingested file or session.
type Source struct {
	ID          int64      `db:"id" json:"id,string"`
	ProjectID   int64      `db:"project_id" json:"-"`
	Kind        SourceKind `db:"kind" json:"kind"`
	Title       string     `db:"title" json:"title"`
	Filename    string     `db:"filename" json:"filename"`
	Format      string     `db:"format" json:"format"`
	ContentHash string     `db:"content_hash" json:"content_hash"`
	OccurredOn  *time.Time `db:"occurred_on" json:"occurred_on,omitempty"`
	Place       string     `db:"place" json:"place"`
	Interviewer string     `db:"interviewer" json:"interviewer"`
	TestID      *int64     `db:"test_id" json:"test_id,omitempty,string"`
	NoteCount   int        `db:"note_count" json:"note_count"`
	CreatedBy   *int64     `db:"created_by" json:"-"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
}

// Note is one segment of a source, already pseudonymized.
type Note struct {
	ID          int64     `db:"id" json:"id,string"`
	ProjectID   int64     `db:"project_id" json:"-"`
	SourceID    int64     `db:"source_id" json:"source_id,string"`
	Position    int       `db:"position" json:"position"`
	Speaker     string    `db:"speaker" json:"speaker"`
	SpeakerRole string    `db:"speaker_role" json:"speaker_role"`
	Text        string    `db:"text" json:"text"`
	StartMS     *int64    `db:"start_ms" json:"start_ms,omitempty"`
	EndMS       *int64    `db:"end_ms" json:"end_ms,omitempty"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
	Tags        []string  `db:"-" json:"tags"`
}

// Tag is a code in the project's hierarchical codebook.
type Tag struct {
	ID          int64     `db:"id" json:"id,string"`
	ProjectID   int64     `db:"project_id" json:"-"`
	ParentID    *int64    `db:"parent_id" json:"parent_id,omitempty,string"`
	Name        string    `db:"name" json:"name"`
	Description string    `db:"description" json:"description"`
	Color       string    `db:"color" json:"color"`
	NoteCount   int       `db:"note_count" json:"note_count"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate checks a tag.
func (t Tag) Validate() error {
	if err := TagName(t.Name); err != nil {
		return err
	}
	if t.Color != "" && !colorRE.MatchString(t.Color) {
		return Invalid("color", RuleFormat, "colour %q must look like #1a2b3c", t.Color)
	}
	return textField("description", t.Description, 0, 1000)
}

// TagName checks a tag name on its own (used when tagging notes by name).
func TagName(name string) error { return textField("tag name", name, 1, 100) }

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
	switch Stance(s) {
	case "", Supports:
		return Supports, nil
	case Contradicts:
		return Contradicts, nil
	}
	return "", Invalid("stance", RuleOneOf, "stance %q must be supports or contradicts", s)
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

// Outcome is the result of a Skab/test test.
type Outcome string

const (
	OutcomeConfirmed Outcome = "confirmed"
	OutcomeRefuted   Outcome = "refuted"
	OutcomeOpen      Outcome = "open"
)

// ParseOutcome validates an outcome; empty means open.
func ParseOutcome(s string) (Outcome, error) {
	switch Outcome(s) {
	case "", OutcomeOpen:
		return OutcomeOpen, nil
	case OutcomeConfirmed, OutcomeRefuted:
		return Outcome(s), nil
	}
	return "", Invalid("outcome", RuleOneOf, "outcome %q must be confirmed, refuted or open", s)
}

// Test is a prototype or test session linked to an insight (Skab/test).
type Test struct {
	ID           int64     `db:"id" json:"id,string"`
	InsightID    int64     `db:"insight_id" json:"insight_id,string"`
	ProjectID    int64     `db:"project_id" json:"-"`
	Title        string    `db:"title" json:"title"`
	Hypothesis   string    `db:"hypothesis" json:"hypothesis"`
	Method       string    `db:"method" json:"method"`
	Participants string    `db:"participants" json:"participants"`
	Result       string    `db:"result" json:"result"`
	Outcome      Outcome   `db:"outcome" json:"outcome"`
	CreatedAt    time.Time `db:"created_at" json:"created_at"`
}

// Validate checks a test.
func (t Test) Validate() error {
	if err := textField("title", t.Title, 1, 300); err != nil {
		return err
	}
	for name, v := range map[string]string{"hypothesis": t.Hypothesis, "method": t.Method, "participants": t.Participants, "result": t.Result} {
		if err := textField(name, v, 0, 10000); err != nil {
			return err
		}
	}
	_, err := ParseOutcome(string(t.Outcome))
	return err
}

// Indicator is something measured over time to see whether a solution works (Virk/effekt).
type Indicator struct {
	ID        int64      `db:"id" json:"id,string"`
	InsightID int64      `db:"insight_id" json:"insight_id,string"`
	ProjectID int64      `db:"project_id" json:"-"`
	Name      string     `db:"name" json:"name"`
	Unit      string     `db:"unit" json:"unit"`
	Direction string     `db:"direction" json:"direction"`
	Baseline  float64    `db:"baseline" json:"baseline"`
	Target    float64    `db:"target" json:"target"`
	StartDate *time.Time `db:"start_date" json:"start_date,omitempty"`
	CreatedAt time.Time  `db:"created_at" json:"created_at"`
}

// Validate checks an indicator.
func (i Indicator) Validate() error {
	if err := textField("name", i.Name, 1, 300); err != nil {
		return err
	}
	if err := textField("unit", i.Unit, 0, 50); err != nil {
		return err
	}
	if i.Direction != "up" && i.Direction != "down" {
		return Invalid("direction", RuleOneOf, "direction %q must be up or down", i.Direction)
	}
	return nil
}

// Reading is one stored measurement of an indicator.
type Reading struct {
	ID          int64     `db:"id" json:"id,string"`
	IndicatorID int64     `db:"indicator_id" json:"indicator_id,string"`
	Value       float64   `db:"value" json:"value"`
	MeasuredAt  time.Time `db:"measured_at" json:"measured_at"`
	Comment     string    `db:"comment" json:"comment"`
	Source      string    `db:"source" json:"source"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

// ParseDate accepts YYYY-MM-DD or RFC 3339, as the API promises.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, Invalid("date", RuleDate, "date %q must be YYYY-MM-DD or RFC 3339", s)
	}
	return t.UTC(), nil
}
