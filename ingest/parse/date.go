package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	dateISO   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$`)
	dateDMY   = regexp.MustCompile(`^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$`)
	dateWords = regexp.MustCompile(`^(\d{1,2})\.?\s+([[:alpha:]æøåÆØÅ]+)\.?\s+(\d{4})$`)
)

// danishMonths maps full names and the usual abbreviations.
var danishMonths = map[string]int{
	"januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3,
	"april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// ParseDate reads YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or a Danish
// "3. marts 2026" and returns YYYY-MM-DD, or "" when the text is not a
// real date: a wrong date in metadata must not stop an upload.
func ParseDate(s string) string {
	s = strings.TrimSpace(s)
	var y, m, d int
	switch {
	case dateISO.MatchString(s):
		g := dateISO.FindStringSubmatch(s)
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	case dateDMY.MatchString(s):
		g := dateDMY.FindStringSubmatch(s)
		d, m, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
	case dateWords.MatchString(s):
		g := dateWords.FindStringSubmatch(s)
		month, ok := danishMonths[strings.ToLower(g[2])]
		if !ok {
			return ""
		}
		d, m, y = atoi(g[1]), month, atoi(g[3])
	default:
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
