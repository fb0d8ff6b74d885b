// Package format writes numbers and dates for people, in Danish or English,
// the same way on the web pages and in the reports.
//
// Decisions worth knowing:
//   - A negative number has the typographic minus sign U+2212 ("−2,3"), as
//     Danish typesetting wants; files read by machines (CSV, XLSX, JSON)
//     keep the ASCII hyphen-minus and do not use this package.
//   - Numbers are rounded to the asked decimals, lose trailing zeros and
//     group thousands: "1.234,5" in Danish, "1,234.5" in English. A value
//     that rounds to zero is "0", never "−0".
//   - Anything but "en" is Danish, the default language.
package format

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Minus is the sign written before negative numbers.
const Minus = "−"

// Number writes v with at most decimals decimals for people in lang.
func Number(lang string, v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return "0"
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	group, point := ".", ","
	if lang == "en" {
		group, point = ",", "."
	}
	var b strings.Builder
	if r < 0 {
		b.WriteString(Minus)
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

var monthsDA = [12]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}

// Date writes a date the way people read it: "23. nov. 2026" in Danish,
// "23 Nov 2026" in English; the zero time is "".
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Day()) + ". " + monthsDA[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
