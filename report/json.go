package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"indsigt/model"
)

// The JSON shapes are a contract for analysts' scripts: snake_case names,
// numbers as numbers, dates in RFC 3339, null for "no value".

type effectsJSON struct {
	Project     projectJSON     `json:"project"`
	GeneratedAt time.Time       `json:"generated_at"`
	Indicators  []indicatorJSON `json:"indicators"`
}

type projectJSON struct {
	Name string `json:"name"`
	Slug string `json:"slug,omitempty"`
}

type indicatorJSON struct {
	InsightID    string              `json:"insight_id"`
	InsightTitle string              `json:"insight_title"`
	Phase        string              `json:"phase"`
	IndicatorID  string              `json:"indicator_id"`
	Name         string              `json:"name"`
	Unit         string              `json:"unit"`
	Direction    string              `json:"direction"`
	Baseline     float64             `json:"baseline"`
	Target       float64             `json:"target"`
	StartDate    *time.Time          `json:"start_date"`
	Measurements []measurementJSON   `json:"measurements"`
	Summary      model.EffectSummary `json:"summary"`
}

type measurementJSON struct {
	Value      float64   `json:"value"`
	MeasuredAt time.Time `json:"measured_at"`
	Comment    string    `json:"comment"`
}

// WriteEffectsJSON writes the effect report with each indicator's sorted
// measurements and summary.
func WriteEffectsJSON(w io.Writer, r EffectReport) error {
	out := effectsJSON{
		Project:     projectJSON{Name: r.ProjectName, Slug: r.ProjectSlug},
		GeneratedAt: r.GeneratedAt,
		Indicators:  indicatorsJSON(r.Rows),
	}
	return writeJSON(w, out, "effects")
}

func indicatorsJSON(rows []EffectRow) []indicatorJSON {
	out := make([]indicatorJSON, 0, len(rows))
	for _, row := range rows {
		ms := make([]measurementJSON, 0, len(row.Measurements))
		for _, m := range model.SortMeasurements(row.Measurements) {
			ms = append(ms, measurementJSON{Value: m.Value, MeasuredAt: m.MeasuredAt, Comment: m.Comment})
		}
		out = append(out, indicatorJSON{
			InsightID: row.InsightID, InsightTitle: row.InsightTitle, Phase: row.Phase,
			IndicatorID: row.IndicatorID, Name: row.Indicator, Unit: row.Unit, Direction: row.Direction,
			Baseline: row.Baseline, Target: row.Target, StartDate: row.StartDate,
			Measurements: ms, Summary: roundSummary(row.Summary),
		})
	}
	return out
}

// roundSummary rounds derived numbers as the other exports do, so all formats
// agree on "66.7 %".
func roundSummary(s model.EffectSummary) model.EffectSummary {
	s.Change = rounded(s.Change, valueDecimals)
	s.ChangePct = rounded(s.ChangePct, pctDecimals)
	s.TargetReached = rounded(s.TargetReached, pctDecimals)
	s.Slope = rounded(s.Slope, valueDecimals)
	return s
}

type insightsJSON struct {
	Project     projectJSON   `json:"project"`
	GeneratedAt time.Time     `json:"generated_at"`
	Insights    []insightJSON `json:"insights"`
}

type insightJSON struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Statement  string          `json:"statement"`
	Phase      string          `json:"phase"`
	LIX        float64         `json:"lix"`
	LIXLevel   string          `json:"lix_level"`
	Evidence   []quoteJSON     `json:"evidence"`
	History    []phaseJSON     `json:"history"`
	Tests      []testJSON      `json:"tests"`
	Indicators []indicatorJSON `json:"indicators"`
	Memos      []memoJSON      `json:"memos"`
}

type memoJSON struct {
	Author string    `json:"author"`
	Body   string    `json:"body"`
	At     time.Time `json:"at"`
}

type quoteJSON struct {
	NoteID      string `json:"note_id"`
	SourceTitle string `json:"source_title"`
	Speaker     string `json:"speaker"`
	Text        string `json:"text"`
	Stance      string `json:"stance"`
}

type phaseJSON struct {
	From   string    `json:"from"`
	To     string    `json:"to"`
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

type testJSON struct {
	Title        string `json:"title"`
	Hypothesis   string `json:"hypothesis"`
	Method       string `json:"method"`
	Participants string `json:"participants"`
	Result       string `json:"result"`
	Outcome      string `json:"outcome"`
}

// WriteInsightsJSON writes every insight with evidence, phase history, tests
// and indicators.
func WriteInsightsJSON(w io.Writer, r InsightReport) error {
	out := insightsJSON{Project: projectJSON{Name: r.ProjectName}, GeneratedAt: r.GeneratedAt, Insights: []insightJSON{}}
	for _, in := range r.Insights {
		j := insightJSON{
			ID: in.ID, Title: in.Title, Statement: in.Statement, Phase: in.Phase,
			LIX: round(in.LIX, pctDecimals), LIXLevel: model.LIXLevel(in.LIX),
			Evidence: []quoteJSON{}, History: []phaseJSON{}, Tests: []testJSON{}, Memos: []memoJSON{},
			Indicators: indicatorsJSON(in.Indicators),
		}
		for _, q := range in.Evidence {
			j.Evidence = append(j.Evidence, quoteJSON(q))
		}
		for _, h := range in.History {
			j.History = append(j.History, phaseJSON(h))
		}
		for _, t := range in.Tests {
			j.Tests = append(j.Tests, testJSON(t))
		}
		for _, m := range in.Memos {
			j.Memos = append(j.Memos, memoJSON(m))
		}
		out.Insights = append(out.Insights, j)
	}
	return writeJSON(w, out, "insights")
}

func writeJSON(w io.Writer, v any, what string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s json: %w", what, err)
	}
	return nil
}
