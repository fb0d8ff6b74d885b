package model

import (
	"math"
	"time"
)

// Indicator is something measured over time to see whether a solution works (Virk/effekt).
type Indicator struct {
	ID        int64      `db:"id" json:"id,string"`
	InsightID int64      `db:"insight_id" json:"insight_id,string"`
	ProjectID int64      `db:"project_id" json:"-"`
	Name      string     `db:"name" json:"name"`
	Unit      string     `db:"unit" json:"unit"`
	Direction Direction  `db:"direction" json:"direction"`
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
	_, err := ParseDirection(string(i.Direction))
	return err
}

// Direction says which way an indicator should move for things to be better.
type Direction string

const (
	DirectionUp   Direction = "up"   // higher is better (e.g. satisfaction)
	DirectionDown Direction = "down" // lower is better (e.g. waiting days)
)

// ParseDirection validates a direction.
func ParseDirection(s string) (Direction, error) {
	return oneOf("direction", s, []Direction{DirectionUp, DirectionDown}, "direction %q must be up or down")
}

// Measurement is one value of an indicator at a point in time, as stored
// and as the effect summary reads it.
type Measurement struct {
	ID          int64     `db:"id" json:"id,string"`
	IndicatorID int64     `db:"indicator_id" json:"indicator_id,string"`
	Value       float64   `db:"value" json:"value"`
	MeasuredAt  time.Time `db:"measured_at" json:"measured_at"`
	Comment     string    `db:"comment" json:"comment"`
	Source      string    `db:"source" json:"source"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

// Validate checks a measurement's own fields.
func (m Measurement) Validate() error {
	if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
		return Invalid("value", RuleNumber, "value must be a finite number")
	}
	if m.MeasuredAt.IsZero() {
		return Invalid("measured_at", RuleRequired, "measured_at is required")
	}
	if err := textField("comment", m.Comment, 0, 2000); err != nil {
		return err
	}
	return textField("source", m.Source, 0, 300)
}

// IndicatorEffect is an indicator with its measurements, oldest first, and
// its computed effect: the one read model of an effect row, used by the
// insight page, the API and the reports.
type IndicatorEffect struct {
	Indicator
	Measurements []Measurement `json:"measurements"`
	Effect       EffectSummary `json:"effect"`
}

// NewIndicatorEffect summarizes an indicator's measurements.
func NewIndicatorEffect(ind Indicator, ms []Measurement) IndicatorEffect {
	if ms == nil {
		ms = []Measurement{}
	}
	return IndicatorEffect{Indicator: ind, Measurements: ms, Effect: SummarizeEffect(ind.Direction, ind.Baseline, ind.Target, ms)}
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
