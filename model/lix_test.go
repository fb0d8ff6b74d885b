package model

import (
	"math"
	"testing"
)

func TestLIX(t *testing.T) {
	tests := []struct {
		name string
		text string
		want float64 // words/sentences + 100·long/words, counted by hand
	}{
		{"two sentences", "Borgeren skal have hjælp. Det er vigtigt!", 7.0/2 + 100*2.0/7},
		{"numbers are not words", "I 2026 fik 1.234 borgere svar.", 4.0/1 + 100*1.0/4},
		{"decimal point does not end a sentence", "Prisen steg 12.5 procent i år.", 5.0/1 + 100*1.0/5},
		{"blank line ends a heading", "Overskrift\n\nKort tekst her.", 4.0/2 + 100*1.0/4},
		{"wrapped line continues the sentence", "Vi talte med\nborgerne i dag.", 6.0/1 + 100*1.0/6},
		{"capital after line break starts a sentence", "Første punkt\nAndet punkt", 4.0/2 + 0},
		{"list bullets", "- æble\n- pære", 2.0/2 + 0},
		{"quotes after the full stop", "Hun sagde: »Det går godt.« Så gik hun.", 8.0/3 + 0},
		{"æøå are letters counted as runes", "Ærø blåbær kærlighed.", 3.0/1 + 100*1.0/3},
		{"no terminator is one sentence", "borgerinddragelse virker", 2.0/1 + 100*1.0/2},
		{"question and colon", "Hvad virker? Dette: samtaler.", 4.0/3 + 100*1.0/4},
		{"empty", "", 0},
		{"only numbers", "123 456.", 0},
		{"whitespace only", " \n\n\t ", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LIX(tt.text); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("LIX(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestLIXLevel(t *testing.T) {
	tests := []struct {
		lix    float64
		da, en string
	}{
		{0, "Meget let", "Very easy"},
		{24.99, "Meget let", "Very easy"},
		{25, "Let", "Easy"},
		{34.99, "Let", "Easy"},
		{35, "Middel", "Medium"},
		{44.5, "Middel", "Medium"},
		{45, "Svær", "Difficult"},
		{54.99, "Svær", "Difficult"},
		{55, "Meget svær", "Very difficult"},
		{80, "Meget svær", "Very difficult"},
	}
	for _, tt := range tests {
		if got := LIXLevel(tt.lix); got != tt.da {
			t.Errorf("LIXLevel(%v) = %q, want %q", tt.lix, got, tt.da)
		}
		if got := LIXLevelEN(tt.lix); got != tt.en {
			t.Errorf("LIXLevelEN(%v) = %q, want %q", tt.lix, got, tt.en)
		}
	}
}

func FuzzLIX(f *testing.F) {
	f.Add("Borgeren skal have hjælp. Det er vigtigt!")
	f.Add("\n\n- æble\n")
	f.Fuzz(func(t *testing.T, s string) {
		v := LIX(s)
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("LIX(%q) = %v", s, v)
		}
	})
}
