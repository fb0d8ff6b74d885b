package parse

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ErrNoTextColumn reports a table (CSV or XLSX) in which no column holds
// text, or a chosen column or sheet the file does not have.
var ErrNoTextColumn = errors.New("no text column")

// Mapping says which columns of a table (CSV or workbook) hold the note
// text, the speaker (participant) and the date, and which sheet of a
// workbook to read. An empty field is found from the header row, as for
// any CSV; a column is named by its header ("Svar", any case), by its
// Excel letter ("C") or by its number from 1. Files that are not tables
// ignore it.
type Mapping struct {
	Sheet   string
	Text    string
	Speaker string
	Date    string
}

// apply makes the chosen speaker and date columns those kinds; a column
// the header made that kind before becomes a plain field.
func (l *csvLayout) apply(header []string, m Mapping) error {
	for _, pick := range []struct {
		name string
		kind int
	}{{m.Speaker, colSpeaker}, {m.Date, colDate}} {
		if strings.TrimSpace(pick.name) == "" {
			continue
		}
		i, err := findColumn(header, pick.name)
		if err != nil {
			return err
		}
		for j := range l.kinds {
			if l.kinds[j] == pick.kind {
				l.kinds[j] = colField
			}
		}
		l.kinds[i] = pick.kind
	}
	return nil
}

// textColumn is the chosen text column, else the first header naming a
// text column (textColumnOrder), else the plain column with the most
// text. With needText a guessed column must hold letters somewhere: a
// sheet of numbers has no note text, and reading its amounts as notes
// would only hide that.
func textColumn(header []string, rows [][]string, kinds []int, chosen string, needText bool) (int, error) {
	if strings.TrimSpace(chosen) != "" {
		return findColumn(header, chosen)
	}
	for _, want := range textColumnOrder {
		for i, h := range header {
			if normHeader(h) == want {
				return i, nil
			}
		}
	}
	col := longestColumn(kinds, rows)
	if col < 0 || needText && len(rows) > 0 && !columnHasLetters(rows, col) {
		return -1, fmt.Errorf("no column holds text: name the text column %q (or %s) in the header row, or choose it on upload: %w",
			textColumnOrder[0], strings.Join(textColumnOrder[1:4], ", "), ErrNoTextColumn)
	}
	return col, nil
}

func columnHasLetters(rows [][]string, col int) bool {
	for _, r := range rows {
		if col < len(r) && strings.IndexFunc(r[col], unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// findColumn finds a column by its header (case and surrounding space
// ignored), its Excel letter or its number from 1; the error lists the
// headers there are, so the user sees what to choose.
func findColumn(header []string, name string) (int, error) {
	want := normHeader(name)
	for i, h := range header {
		if normHeader(h) == want {
			return i, nil
		}
	}
	if i, ok := columnIndex(want); ok && i < len(header) {
		return i, nil
	}
	shown := make([]string, 0, len(header))
	for _, h := range header {
		if h = strings.TrimSpace(h); h != "" {
			shown = append(shown, strconv.Quote(h))
		}
	}
	return -1, fmt.Errorf("column %q is not in the header row (it has %s): %w", strings.TrimSpace(name), strings.Join(shown, ", "), ErrNoTextColumn)
}

// columnIndex reads "3" or "C" (Excel's letters, up to three) as a 0-based
// column index.
func columnIndex(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1
	}
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return 0, false
		}
		n = n*26 + int(r-'a'+1)
	}
	return n - 1, true
}
