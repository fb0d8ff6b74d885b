package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// cell is one CSV field. Text cells are neutralized against formula
// injection; number cells are ours and are written untouched, so a negative
// change stays a number Excel can sum.
type cell struct {
	s      string
	number bool
}

func text(s string) cell   { return cell{s: s} }
func number(s string) cell { return cell{s: s, number: true} }

// neutralize stops a spreadsheet from running text as a formula (OWASP CSV
// injection): a leading apostrophe makes Excel and LibreOffice show it as text.
func neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (c cell) String() string {
	if c.number {
		return c.s
	}
	return neutralize(c.s)
}

var effectsCSVHeader = []string{
	"Indsigt", "Fase", "Indikator", "Enhed", "Retning", "Startdato", "Baseline", "Mål",
	"Seneste", "Seneste dato", "Ændring", "Ændring %", "Målopfyldelse %", "Tendens", "Antal målinger",
}

// WriteEffectsCSV writes one row per indicator for Danish Excel: UTF-8 with
// BOM (else Excel guesses the code page and breaks æøå), semicolons, decimal
// commas, YYYY-MM-DD dates and CRLF line ends. The header is in Danish. The
// measurements themselves are in the XLSX and JSON exports.
func WriteEffectsCSV(w io.Writer, r EffectReport) error {
	cw, err := excelCSV(w, "effects", effectsCSVHeader)
	if err != nil {
		return err
	}
	for _, row := range r.Rows {
		if err := cw.Write(render(effectCSVRow(row))); err != nil {
			return fmt.Errorf("write effects csv row %s: %w", row.IndicatorID, err)
		}
	}
	return flushCSV(cw, "effects")
}

// excelCSV writes the BOM (else Excel guesses the code page and breaks
// æøå) and the header of a CSV for Danish Excel, and returns the writer
// for its rows: semicolons and CRLF line ends. what names the export in
// errors.
func excelCSV(w io.Writer, what string, header []string) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, fmt.Errorf("write %s csv: %w", what, err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return nil, fmt.Errorf("write %s csv header: %w", what, err)
	}
	return cw, nil
}

// flushCSV ends a CSV that excelCSV began.
func flushCSV(cw *csv.Writer, what string) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s csv: %w", what, err)
	}
	return nil
}

func effectCSVRow(row EffectRow) []cell {
	s := row.Summary
	start, latestAt := "", ""
	if row.StartDate != nil {
		start = isoDate(*row.StartDate)
	}
	if s.LatestAt != nil {
		latestAt = isoDate(*s.LatestAt)
	}
	return []cell{
		text(row.InsightTitle), text(phaseLabel(row.Phase, "da")), text(row.Indicator), text(row.Unit),
		text(label(row.Direction, "da")), number(start),
		number(csvNumber(row.Baseline, valueDecimals)), number(csvNumber(row.Target, valueDecimals)),
		number(csvNumberPtr(s.Latest, valueDecimals)), number(latestAt),
		number(csvNumberPtr(s.Change, valueDecimals)), number(csvNumberPtr(s.ChangePct, pctDecimals)),
		number(csvNumberPtr(s.TargetReached, pctDecimals)), text(label(s.Trend, "da")),
		number(strconv.Itoa(s.Count)),
	}
}

func render(cells []cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.String()
	}
	return out
}
