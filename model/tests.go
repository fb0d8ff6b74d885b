package model

import "time"

// Outcome is the result of a Skab/test test.
type Outcome string

const (
	OutcomeConfirmed Outcome = "confirmed"
	OutcomeRefuted   Outcome = "refuted"
	OutcomeOpen      Outcome = "open"
)

// ParseOutcome validates an outcome; empty means open.
func ParseOutcome(s string) (Outcome, error) {
	if s == "" {
		return OutcomeOpen, nil
	}
	return oneOf("outcome", s, []Outcome{OutcomeConfirmed, OutcomeRefuted, OutcomeOpen}, "outcome %q must be confirmed, refuted or open")
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
