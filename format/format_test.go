package format

import (
	"math"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	for _, c := range [][2]string{
		{Number("da", 1234.5, 1), "1.234,5"},
		{Number("en", 1234.5, 1), "1,234.5"},
		{Number("da", 1234567, 1), "1.234.567"},
		{Number("da", -2.25, 1), "−2,3"},
		{Number("en", -1234567.891, 2), "−1,234,567.89"},
		{Number("da", -0.01, 1), "0"},
		{Number("da", math.NaN(), 1), "–"},
		{Number("da", math.Inf(-1), 1), "–"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
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
