package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestWriteEffectsJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsJSON(&buf, effectFixture()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Project     map[string]string `json:"project"`
		GeneratedAt time.Time         `json:"generated_at"`
		Indicators  []struct {
			InsightTitle string     `json:"insight_title"`
			Name         string     `json:"name"`
			Direction    string     `json:"direction"`
			Baseline     float64    `json:"baseline"`
			StartDate    *time.Time `json:"start_date"`
			Measurements []struct {
				Value      float64   `json:"value"`
				MeasuredAt time.Time `json:"measured_at"`
				Comment    string    `json:"comment"`
			} `json:"measurements"`
			Summary map[string]any `json:"summary"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Project["name"] != "Bedre møder i Jobcentret – æøå" || got.Project["slug"] != "jobcenter" || !got.GeneratedAt.Equal(genAt) {
		t.Errorf("project = %v at %v", got.Project, got.GeneratedAt)
	}
	if len(got.Indicators) != 3 {
		t.Fatalf("%d indicators", len(got.Indicators))
	}
	first := got.Indicators[0]
	if first.Name != "Ventetid på svar" || first.Direction != "down" || first.Baseline != 12 || !first.StartDate.Equal(startDate) {
		t.Errorf("first indicator = %+v", first)
	}
	if len(first.Measurements) != 3 || first.Measurements[0].Value != 10 || first.Measurements[2].Comment != "Efter ny brevskabelon – færre rykkere" {
		t.Errorf("measurements not sorted by date: %+v", first.Measurements)
	}
	s := first.Summary
	if s["change"] != -8.0 || s["target_reached"] != 80.0 || s["change_pct"] != -66.7 || s["trend"] != "improving" || s["count"] != 3.0 {
		t.Errorf("summary = %v", s)
	}
	if s["latest_at"] != "2026-03-02T00:00:00Z" {
		t.Errorf("latest_at = %v, want RFC 3339", s["latest_at"])
	}
	empty := got.Indicators[1].Summary
	if empty["latest"] != nil || empty["target_reached"] != nil || empty["trend"] != "none" {
		t.Errorf("summary without measurements = %v", empty)
	}
	if got.Indicators[1].Measurements == nil {
		t.Error("measurements should be [] not null")
	}
	if !strings.Contains(buf.String(), `"insight_id": "17"`) {
		t.Error("ids should be strings")
	}
}

func insightFixture() InsightReport {
	eff := effectFixture()
	return InsightReport{
		ProjectName: "Bedre møder i Jobcentret – æøå", GeneratedAt: genAt,
		Insights: []InsightEntry{{
			ID: "17", Title: "<script>alert(1)</script> Borgere føler sig ikke hørt",
			Statement: "Borgere forstår ikke kommunens breve, fordi de er skrevet i fagsprog.", Phase: "virk",
			LIX: 48.4,
			Evidence: []Quote{
				{NoteID: "n1", SourceTitle: "Interview på rådhuset", Speaker: "B1", Text: "Jeg forstod <b>ikke</b> brevet & følte mig \"dum\".", Stance: "supports"},
				{NoteID: "n2", SourceTitle: "Borgerkonference", Speaker: "B7", Text: "Brevet var fint for mig.", Stance: "contradicts"},
			},
			History: []PhaseEvent{
				{From: "", To: "opdag", Reason: "Fundet i interviews", By: "Åse", At: date(1, 5)},
				{From: "opdag", To: "skab", Reason: "Ny brevskabelon testes", By: "Åse", At: date(1, 20)},
				{From: "skab", To: "virk", Reason: "Skabelonen er i drift", By: "Søren", At: date(2, 1)},
			},
			Tests:      []TestEntry{{Title: "Papirprototype af brev", Hypothesis: "Kortere brev giver færre opkald", Method: "5 borgere læste brevet højt", Participants: "B1, B2, B7", Result: "4 af 5 forstod det", Outcome: "confirmed"}},
			Indicators: eff.Rows[:1],
		}},
	}
}

func TestWriteInsightsJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInsightsJSON(&buf, insightFixture()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Insights []struct {
			Title    string  `json:"title"`
			LIX      float64 `json:"lix"`
			LIXLevel string  `json:"lix_level"`
			Evidence []Quote `json:"evidence"`
			History  []struct {
				From, To, Reason, By string
				At                   time.Time
			} `json:"history"`
			Tests      []map[string]string `json:"tests"`
			Indicators []map[string]any    `json:"indicators"`
		} `json:"insights"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Insights) != 1 {
		t.Fatalf("%d insights", len(got.Insights))
	}
	in := got.Insights[0]
	if in.LIX != 48.4 || in.LIXLevel != "Svær" || len(in.Evidence) != 2 || len(in.History) != 3 || len(in.Indicators) != 1 {
		t.Errorf("insight = %+v", in)
	}
	if in.Evidence[0].Text != "Jeg forstod <b>ikke</b> brevet & følte mig \"dum\"." || in.History[2].By != "Søren" || !in.History[2].At.Equal(date(2, 1)) {
		t.Errorf("round trip lost text: %+v", in)
	}
	if in.Tests[0]["outcome"] != "confirmed" || in.Tests[0]["participants"] != "B1, B2, B7" {
		t.Errorf("tests = %v", in.Tests)
	}
	for _, key := range []string{`"note_id"`, `"source_title"`, `"stance"`, `"from"`, `"at"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("missing snake_case key %s", key)
		}
	}
}
