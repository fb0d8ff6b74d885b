package parse

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// textColumns are header names that hold the note text, in priority order.
var textColumnOrder = []string{"tekst", "text", "note", "notat", "citat", "quote", "observation", "besvarelse", "svar", "kommentar"}

var textColumns = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range textColumnOrder {
		m[c] = true
	}
	return m
}()

// column kinds other than text and plain fields.
const (
	colField = iota
	colText
	colSpeaker
	colRole
	colStart
	colEnd
	colDate
)

var specialColumns = map[string]int{
	"taler": colSpeaker, "speaker": colSpeaker, "deltager": colSpeaker, "participant": colSpeaker,
	"rolle": colRole, "role": colRole,
	"tid": colStart, "time": colStart, "start": colStart,
	"slut": colEnd, "end": colEnd,
	"dato": colDate, "date": colDate,
}

func normHeader(h string) string {
	return strings.ToLower(strings.TrimSpace(h))
}

// sniffDelimiter counts the candidate delimiters outside quotes in the
// header line and picks the most frequent; a comma wins ties.
func sniffDelimiter(header string) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range header {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// parseCSV reads a table with a header row. It first parses strictly and
// only on a quoting error re-reads with LazyQuotes: strict parsing is right
// for well-formed files, while Excel and hand-edited files sometimes hold a
// bare quote inside an unquoted field (`5" skærm`) that strict mode rejects.
func parseCSV(text string, tsv bool, lim Limits, m Mapping) (*Document, error) {
	delim := ','
	if tsv {
		delim = '\t'
	}
	first, rest, _ := strings.Cut(text, "\n")
	if d, ok := strings.CutPrefix(strings.TrimSpace(first), "sep="); ok && utf8.RuneCountInString(d) == 1 {
		// Excel's "sep=;" hint line names the delimiter.
		delim, _ = utf8.DecodeRuneInString(d)
		text = rest
	} else if !tsv {
		delim = sniffDelimiter(first)
	}
	rows, err := readCSV(text, delim, false, lim)
	var perr *csv.ParseError
	if errors.As(err, &perr) && (errors.Is(err, csv.ErrQuote) || errors.Is(err, csv.ErrBareQuote)) {
		rows, err = readCSV(text, delim, true, lim)
	}
	if err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	if len(rows) == 0 {
		return nil, ErrNoText
	}
	return csvDocument("csv", rows[0], rows[1:], m)
}

func readCSV(text string, delim rune, lazy bool, lim Limits) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1 // exports often drop trailing empty cells
	r.LazyQuotes = lazy
	r.ReuseRecord = false // rows are kept after the next Read
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rows) > lim.MaxCSVRows { // the header row is not counted
			return nil, fmt.Errorf("more than %d rows: %w", lim.MaxCSVRows, ErrTooLarge)
		}
		for _, f := range rec {
			if len(f) > lim.MaxCSVFieldBytes {
				line, _ := r.FieldPos(0)
				return nil, fmt.Errorf("field on line %d exceeds %d bytes: %w", line, lim.MaxCSVFieldBytes, ErrTooLarge)
			}
		}
		rows = append(rows, rec)
	}
}

// csvLayout says what each column is.
type csvLayout struct {
	names []string
	kinds []int
}

// newLayout says what each column is; needText refuses a table whose
// guessed text column holds no letters (a workbook of amounts), where a
// CSV keeps what it always did.
func newLayout(header []string, rows [][]string, m Mapping, needText bool) (csvLayout, error) {
	l := csvLayout{names: make([]string, len(header)), kinds: make([]int, len(header))}
	for i, h := range header {
		l.names[i] = strings.TrimSpace(cleanText(h))
		if l.names[i] == "" {
			l.names[i] = fmt.Sprintf("kolonne %d", i+1)
		}
		l.kinds[i] = specialColumns[normHeader(h)]
	}
	if err := l.apply(header, m); err != nil {
		return l, err
	}
	textCol, err := textColumn(header, rows, l.kinds, m.Text, needText)
	if err != nil {
		return l, err
	}
	l.kinds[textCol] = colText
	return l, nil
}

// longestColumn picks the plain column with the longest average content,
// falling back to any column when all are special.
func longestColumn(kinds []int, rows [][]string) int {
	best, bestLen := -1, -1
	for pass := 0; pass < 2 && best < 0; pass++ {
		for i := range kinds {
			if pass == 0 && kinds[i] != colField {
				continue
			}
			total := 0
			for _, r := range rows {
				if i < len(r) {
					total += utf8.RuneCountInString(strings.TrimSpace(r[i]))
				}
			}
			if total > bestLen {
				best, bestLen = i, total
			}
		}
	}
	return best
}

func csvDocument(format string, header []string, rows [][]string, m Mapping) (*Document, error) {
	l, err := newLayout(header, rows, m, format == "xlsx")
	if err != nil {
		return nil, err
	}
	doc := &Document{Format: format}
	date, dateCol := commonDate(l, rows)
	doc.Meta.Date = date
	hasRole := false
	for _, row := range rows {
		seg, ok := csvSegment(l, row, dateCol)
		if !ok {
			continue
		}
		hasRole = hasRole || seg.Role != ""
		doc.Segments = append(doc.Segments, seg)
	}
	if !hasRole {
		assignRoles(doc.Segments, "")
	}
	return doc, nil
}

// commonDate returns the date all rows agree on; when they do not, or it
// is not a date, the date column stays a plain field (dateCol -1).
func commonDate(l csvLayout, rows [][]string) (string, int) {
	col := -1
	for i, k := range l.kinds {
		if k == colDate {
			col = i
			break
		}
	}
	if col < 0 {
		return "", -1
	}
	value := ""
	for _, r := range rows {
		if col >= len(r) || strings.TrimSpace(r[col]) == "" {
			continue
		}
		v := strings.TrimSpace(r[col])
		if value != "" && v != value {
			return "", -1
		}
		value = v
	}
	if d := ParseDate(value); d != "" {
		return d, col
	}
	return "", -1
}

func csvSegment(l csvLayout, row []string, dateCol int) (Segment, bool) {
	seg := Segment{StartMS: -1, EndMS: -1}
	for i, raw := range row {
		v := tidy(cleanText(raw))
		if i >= len(l.kinds) {
			if v != "" {
				setField(&seg, fmt.Sprintf("kolonne %d", i+1), v)
			}
			continue
		}
		switch l.kinds[i] {
		case colText:
			seg.Text = v
		case colSpeaker:
			seg.Speaker = collapseSpaces(v)
		case colRole:
			seg.Role = csvRole(v)
		case colStart, colEnd:
			ms, ok := parseOffset(v)
			switch {
			case ok && l.kinds[i] == colStart:
				seg.StartMS = ms
			case ok:
				seg.EndMS = ms
			case v != "":
				setField(&seg, l.names[i], v)
			}
		case colDate:
			if i != dateCol && v != "" {
				setField(&seg, l.names[i], v)
			}
		default:
			if v != "" {
				setField(&seg, l.names[i], v)
			}
		}
	}
	return seg, seg.Text != ""
}

func setField(s *Segment, k, v string) {
	if s.Fields == nil {
		s.Fields = map[string]string{}
	}
	s.Fields[k] = v
}

func csvRole(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return ""
	case "interviewer", "intervieweren", "i", "int":
		return RoleInterviewer
	}
	return RoleParticipant
}

// parseOffset reads hh:mm:ss(.ttt), mm:ss or a number of seconds.
func parseOffset(v string) (int64, bool) {
	if v == "" {
		return 0, false
	}
	if ms, ok := parseClock(v); ok {
		return ms, true
	}
	f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil || !(f >= 0 && f <= 1e9) { // also refuses NaN
		return 0, false
	}
	return int64(f*1000 + 0.5), true
}
