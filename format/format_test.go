package format

import (
	"math"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		lang string
		v    float64
		dec  int
		want string
	}{
		{"da", 1234.5, 1, "1.234,5"},
		{"en", 1234.5, 1, "1,234.5"},
		{"da", 1234567, 1, "1.234.567"},
		{"da", 12, 1, "12"},
		{"da", -2.25, 1, "−2,3"},
		{"da", -1234567.891, 2, "−1.234.567,89"},
		{"da", -0.01, 1, "0"},
		{"da", 0.5, 0, "1"},
		{"da", math.NaN(), 1, "–"},
	}
	for _, tt := range tests {
		if got := Number(tt.lang, tt.v, tt.dec); got != tt.want {
			t.Errorf("Number(%s, %v, %d) = %q, want %q", tt.lang, tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, want string }{{"da", "23. nov. 2026"}, {"en", "23 Nov 2026"}} {
		if got := Date(tt.lang, day); got != tt.want {
			t.Errorf("Date(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if Date("da", time.Time{}) != "" {
		t.Error("zero date is not empty")
	}
}
