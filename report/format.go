package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"indsigt/format"
)

// round cuts float noise (0.30000000000000004) without losing real precision.
func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// csvNumber writes a number the way Danish Excel reads it: decimal comma, no
// thousands separator (which Excel could mistake for a date or text).
func csvNumber(v float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(round(v, decimals), 'f', -1, 64), ".", ",", 1)
}

// csvNumberPtr is csvNumber for optional values; nil is an empty cell.
func csvNumberPtr(v *float64, decimals int) string {
	if v == nil {
		return ""
	}
	return csvNumber(*v, decimals)
}

// danishNumber formats for people through package format: "1.234,5" in
// Danish, "1,234.5" in English, with at most the given decimals.
func danishNumber(v float64, decimals int, lang string) string {
	return format.Number(lang, v, decimals)
}

// humanDate formats "23. nov. 2026" (Danish) or "23 Nov 2026" (English).
func humanDate(t time.Time, lang string) string { return format.Date(lang, t) }

// isoDate is the YYYY-MM-DD form used in CSV.
func isoDate(t time.Time) string { return t.Format("2006-01-02") }
