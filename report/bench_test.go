package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"indsigt/model"
)

// bigReport is a large municipality: 200 indicators measured monthly for two years.
func bigReport() EffectReport {
	r := EffectReport{ProjectName: "Stor kommune", GeneratedAt: genAt}
	for i := range 200 {
		row := EffectRow{InsightID: fmt.Sprint(i), InsightTitle: fmt.Sprintf("Indsigt %d om ventetid på æøå", i), Phase: "virk",
			IndicatorID: fmt.Sprint(i), Indicator: "Ventetid", Unit: "dage", Direction: "down", Baseline: 30, Target: 10, StartDate: &startDate}
		for m := range 24 {
			row.Measurements = append(row.Measurements, model.Measurement{Value: 30 - float64(m)*0.7, MeasuredAt: startDate.AddDate(0, m, 0), Comment: "månedlig"})
		}
		r.Rows = append(r.Rows, row)
	}
	r.Summarize()
	return r
}

func benchmarkWriter(b *testing.B, write func(io.Writer, EffectReport) error) {
	r := bigReport()
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteEffectsCSV(b *testing.B)  { benchmarkWriter(b, WriteEffectsCSV) }
func BenchmarkWriteEffectsXLSX(b *testing.B) { benchmarkWriter(b, WriteEffectsXLSX) }
func BenchmarkWriteEffectsJSON(b *testing.B) { benchmarkWriter(b, WriteEffectsJSON) }
func BenchmarkWriteEffectsHTML(b *testing.B) {
	benchmarkWriter(b, func(w io.Writer, r EffectReport) error { return WriteEffectsHTML(w, r, "da") })
}

// FuzzEffectsCSVText checks that no user text can come out of the CSV as a
// live formula or break the row structure.
func FuzzEffectsCSVText(f *testing.F) {
	for _, s := range []string{"=1+1", "-2", "@SUM(A1)", "\t=x", "a;b\"c\r\nd", "æøå"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := EffectReport{GeneratedAt: time.Unix(0, 0), Rows: []EffectRow{{InsightTitle: s, Indicator: s, Unit: s, Direction: "up", Baseline: -1, Target: 1}}}
		r.Summarize()
		var buf bytes.Buffer
		if err := WriteEffectsCSV(&buf, r); err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
		cr.Comma = ';'
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("unreadable csv for %q: %v", s, err)
		}
		if len(recs) != 2 || len(recs[1]) != len(effectsCSVHeader) {
			t.Fatalf("structure broken by %q: %q", s, recs)
		}
		for _, col := range []int{0, 2, 3} {
			if c := recs[1][col]; c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Fatalf("live formula %q from %q", c, s)
			}
		}
		if recs[1][6] != "-1" {
			t.Fatalf("baseline = %q, want -1", recs[1][6])
		}
	})
}
