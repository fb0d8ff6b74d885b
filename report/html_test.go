package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"indsigt/model"
)

func TestWriteEffectsHTML(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsHTML(&buf, effectFixture(), ""); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	mustContain(t, page,
		`<html lang="da">`,
		"&lt;script&gt;alert(&#39;æøå&#39;)&lt;/script&gt;",
		"<svg", `stroke-dasharray="6 4"`, "<polyline points=",
		"Baseline 1.234,5", // Danish thousands separator
		"Mål 2",            // target line label
		"60,4",             // decimal comma
		"−66,7 %",          // change in percent (typographic minus, package format)
		"12. jan. 2026",    // Danish date
		"2. mar. 2026",     // latest date
		"23. nov. 2026",    // generated
		"@media print",     //printable
		"forbedring",       // trend in Danish
		"ned – lavere er bedre",
		"Ingen målinger endnu", // the indicator without data
	)
	mustNotContain(t, page, "<script>", "<script", "javascript:")
	checkSVGWellFormed(t, page)
}

func TestWriteEffectsHTMLEnglish(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsHTML(&buf, effectFixture(), "en"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, buf.String(), `<html lang="en">`, "Effect report", "Baseline 1,234.5", "12 Jan 2026", "improving", "Work/effect")
}

func TestWriteInsightsHTML(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInsightsHTML(&buf, insightFixture(), "da"); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	mustContain(t, page,
		"&lt;script&gt;alert(1)&lt;/script&gt; Borgere føler sig ikke hørt",
		"Jeg forstod &lt;b&gt;ikke&lt;/b&gt; brevet &amp; følte mig &#34;dum&#34;.",
		"understøtter", "modsiger", "stance-contradicts",
		"LIX 48 · Svær",
		"Fundet i interviews", "Søren", "1. feb. 2026",
		"Papirprototype af brev", "bekræftet",
		"<svg", "Ventetid på svar",
	)
	mustNotContain(t, page, "<script>", "<b>ikke</b>")
	checkSVGWellFormed(t, page)
}

func TestWriteInsightsHTMLEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInsightsHTML(&buf, InsightReport{ProjectName: "Tomt"}, "en"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, buf.String(), "No insights")
}

func TestLabelsHaveBothLanguages(t *testing.T) {
	for k, l := range labels {
		if l[0] == "" || l[1] == "" {
			t.Errorf("label %q lacks a language: %q", k, l)
		}
	}
}

func TestStyleHashMatchesInlinedCSS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsHTML(&buf, EffectReport{}, "da"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<style>"+reportCSS+"</style>") {
		t.Error("the inlined CSS differs from the hashed one")
	}
	if h := StyleHash(); !strings.HasPrefix(h, "'sha256-") || len(h) != len("'sha256-'")+44 {
		t.Errorf("StyleHash = %s", h)
	}
}

func TestDanishNumber(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		lang string
		want string
	}{
		{1234.5, 2, "da", "1.234,5"},
		{-1234567.891, 2, "da", "−1.234.567,89"},
		{999, 2, "da", "999"},
		{0.5, 0, "da", "1"},
		{1234.5, 2, "en", "1,234.5"},
		{-0.001, 2, "da", "0"},
	}
	for _, tt := range tests {
		if got := danishNumber(tt.v, tt.dec, tt.lang); got != tt.want {
			t.Errorf("danishNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func mustContain(t *testing.T, page string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

func mustNotContain(t *testing.T, page string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(page, s) {
			t.Errorf("page contains %q", s)
		}
	}
}

var svgRE = regexp.MustCompile(`(?s)<svg.*?</svg>`)

// checkSVGWellFormed parses every chart as XML, which browsers require of
// SVG in XHTML and which catches broken escaping inside attributes.
func checkSVGWellFormed(t *testing.T, page string) {
	t.Helper()
	charts := svgRE.FindAllString(page, -1)
	if len(charts) == 0 {
		t.Fatal("no svg chart")
	}
	for _, c := range charts {
		d := xml.NewDecoder(strings.NewReader(c))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("svg not well-formed: %v\n%s", err, c)
			}
		}
	}
}

func TestChartExtremeValues(t *testing.T) {
	tests := []struct {
		name      string
		base, tgt float64
		values    []float64
	}{
		{"huge with tiny range", 1e17, 1e17 + 16, []float64{1e17 + 8}},
		{"all equal", 5, 5, []float64{5, 5}},
		{"all zero", 0, 0, nil},
		{"negative", -10, -2, []float64{-8, -4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := EffectRow{Indicator: "æøå", Direction: "up", Baseline: tt.base, Target: tt.tgt}
			for i, v := range tt.values {
				row.Measurements = append(row.Measurements, model.Measurement{Value: v, MeasuredAt: date(1, 1+i)})
			}
			c := newChart(row, "da")
			if len(c.YTicks) < 2 || len(c.YTicks) > maxTicks+1 {
				t.Errorf("%d y ticks", len(c.YTicks))
			}
			if strings.Contains(c.Points+c.Baseline.Y+c.Target.Y, "NaN") {
				t.Errorf("NaN coordinates: %+v", c)
			}
		})
	}
}
