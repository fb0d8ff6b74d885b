package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestWriteEffectsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsCSV(&buf, effectFixture()); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasPrefix(raw, "\ufeff") {
		t.Fatal("no UTF-8 BOM")
	}
	if strings.Count(raw, "\r\n") != 4 || strings.Count(raw, "\n") != 4 {
		t.Errorf("want 4 CRLF line ends, got %q", raw)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\ufeff")))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ";"); got != "Indsigt;Fase;Indikator;Enhed;Retning;Startdato;Baseline;Mål;Seneste;Seneste dato;Ændring;Ændring %;Målopfyldelse %;Tendens;Antal målinger" {
		t.Errorf("header = %s", got)
	}
	want := [][]string{
		{"Borgere føler sig ikke hørt", "Virk/effekt", "Ventetid på svar", "dage", "ned", "2026-01-05", "12", "2", "4", "2026-03-02", "-8", "-66,7", "80", "forbedring", "3"},
		{`'=HYPERLINK("http://evil.example","klik")`, "Skab/test", "'+1", "'-1+1", "op", "", "1234,5", "2000", "", "", "", "", "", "for få målinger", "0"},
		{"<script>alert('æøå')</script>", "Opdag/forstå", "'@SUM(A1:A2)", "'\tfane", "op", "", "50", "70", "60,4", "2026-04-01", "10,4", "20,8", "52", "for få målinger", "1"},
	}
	if len(recs) != len(want)+1 {
		t.Fatalf("got %d records, want %d", len(recs), len(want)+1)
	}
	for i, w := range want {
		for j := range w {
			if recs[i+1][j] != w[j] {
				t.Errorf("row %d col %s = %q, want %q", i+1, recs[0][j], recs[i+1][j], w[j])
			}
		}
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1", "'+1"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"æøå = godt", "æøå = godt"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := neutralize(tt.in); got != tt.want {
			t.Errorf("neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Numbers we produce ourselves pass untouched.
	if got := number(csvNumber(-8, valueDecimals)).String(); got != "-8" {
		t.Errorf("negative number cell = %q, want -8", got)
	}
	if got := text("-8").String(); got != "'-8" {
		t.Errorf("text cell -8 = %q, want '-8", got)
	}
}

func TestCSVNumber(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{12.5, 6, "12,5"},
		{-8, 6, "-8"},
		{0.1 + 0.2, 6, "0,3"},
		{1234567.25, 6, "1234567,25"},
		{-66.6666, 1, "-66,7"},
		{-0.00001, 1, "0"},
	}
	for _, tt := range tests {
		if got := csvNumber(tt.v, tt.dec); got != tt.want {
			t.Errorf("csvNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
