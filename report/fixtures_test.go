package report

import (
	"time"

	"indsigt/model"
)

var (
	genAt     = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	startDate = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
)

func date(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// effectFixture has a down indicator (ventetid) that improves, an up indicator
// without measurements, and hostile text in every free-text field a user can set.
func effectFixture() EffectReport {
	r := EffectReport{
		ProjectName: "Bedre møder i Jobcentret – æøå", ProjectSlug: "jobcenter", GeneratedAt: genAt,
		Rows: []EffectRow{
			{
				InsightID: "17", InsightTitle: "Borgere føler sig ikke hørt", Phase: "virk",
				IndicatorID: "3", Indicator: "Ventetid på svar", Unit: "dage", Direction: "down",
				Baseline: 12, Target: 2, StartDate: &startDate,
				Measurements: []model.Measurement{
					{Value: 4, MeasuredAt: date(3, 2), Comment: "Efter ny brevskabelon – færre rykkere"},
					{Value: 10, MeasuredAt: date(1, 12), Comment: "Første måling"},
					{Value: 7, MeasuredAt: date(2, 2), Comment: "=HYPERLINK(\"http://evil\")"},
				},
			},
			{
				InsightID: "18", InsightTitle: "=HYPERLINK(\"http://evil.example\",\"klik\")", Phase: "skab",
				IndicatorID: "4", Indicator: "+1", Unit: "-1+1", Direction: "up",
				Baseline: 1234.5, Target: 2000,
			},
			{
				InsightID: "19", InsightTitle: "<script>alert('æøå')</script>", Phase: "opdag",
				IndicatorID: "5", Indicator: "@SUM(A1:A2)", Unit: "\tfane", Direction: "up",
				Baseline: 50, Target: 70,
				Measurements: []model.Measurement{{Value: 60.4, MeasuredAt: date(4, 1), Comment: "Tilfredshed, årlig måling"}},
			},
		},
	}
	r.Summarize()
	return r
}
