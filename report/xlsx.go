package report

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
	"indsigt/model"
)

const (
	sheetEffects      = "Effekt"
	sheetMeasurements = "Målinger"
)

// xlsxStyles are the style ids of one workbook.
type xlsxStyles struct{ header, date, number, pct int }

// WriteEffectsXLSX writes a workbook with the sheet "Effekt" (one row per
// indicator, the CSV columns) and "Målinger" (one row per measurement).
// Numbers and dates are typed cells so analysts can chart and sum them; all
// text goes through SetCellStr, which never creates a formula.
func WriteEffectsXLSX(w io.Writer, r EffectReport) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetEffects); err != nil {
		return fmt.Errorf("xlsx rename sheet: %w", err)
	}
	if _, err := f.NewSheet(sheetMeasurements); err != nil {
		return fmt.Errorf("xlsx add sheet: %w", err)
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := writeEffectSheet(f, st, r.Rows); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", sheetEffects, err)
	}
	if err := writeMeasurementSheet(f, st, r.Rows); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", sheetMeasurements, err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	dateFmt, numFmt, pctFmt := "yyyy-mm-dd", "#,##0.######", "0.0"
	specs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8EEF4"}}},
		{CustomNumFmt: &dateFmt},
		{CustomNumFmt: &numFmt},
		{CustomNumFmt: &pctFmt},
	}
	ids := make([]int, len(specs))
	for i, s := range specs {
		id, err := f.NewStyle(s)
		if err != nil {
			return xlsxStyles{}, fmt.Errorf("xlsx style: %w", err)
		}
		ids[i] = id
	}
	return xlsxStyles{header: ids[0], date: ids[1], number: ids[2], pct: ids[3]}, nil
}

// sheetWriter sets cells of one sheet and remembers the first error, so the
// row functions read as a list of columns.
type sheetWriter struct {
	f     *excelize.File
	st    xlsxStyles
	sheet string
	err   error
}

func (s *sheetWriter) pos(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && s.err == nil {
		s.err = err
	}
	return name
}

func (s *sheetWriter) str(col, row int, v string) {
	if s.err == nil {
		s.err = s.f.SetCellStr(s.sheet, s.pos(col, row), v)
	}
}

func (s *sheetWriter) num(col, row int, v *float64, style int) {
	if v == nil || s.err != nil {
		return
	}
	cell := s.pos(col, row)
	if s.err = s.f.SetCellFloat(s.sheet, cell, *v, -1, 64); s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, cell, cell, style)
	}
}

func (s *sheetWriter) date(col, row int, t *time.Time) {
	if t == nil || s.err != nil {
		return
	}
	cell := s.pos(col, row)
	y, m, d := t.Date()
	if s.err = s.f.SetCellValue(s.sheet, cell, time.Date(y, m, d, 0, 0, 0, 0, time.UTC)); s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, cell, cell, s.st.date)
	}
}

// header writes bold column names, freezes them and sets the widths.
func (s *sheetWriter) header(names []string, widths []float64) {
	for i, n := range names {
		s.str(i+1, 1, n)
	}
	last := s.pos(len(names), 1)
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, "A1", last, s.st.header)
	}
	if s.err == nil {
		s.err = s.f.SetPanes(s.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	for i, wd := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err == nil && s.err == nil {
			s.err = s.f.SetColWidth(s.sheet, col, col, wd)
		}
	}
}

func writeEffectSheet(f *excelize.File, st xlsxStyles, rows []EffectRow) error {
	s := &sheetWriter{f: f, st: st, sheet: sheetEffects}
	s.header(effectsCSVHeader, []float64{40, 14, 32, 12, 9, 12, 11, 11, 11, 13, 11, 11, 16, 18, 15})
	for i, row := range rows {
		r, sum := i+2, row.Summary
		count := float64(sum.Count)
		s.str(1, r, row.InsightTitle)
		s.str(2, r, phaseLabel(row.Phase, "da"))
		s.str(3, r, row.Indicator)
		s.str(4, r, row.Unit)
		s.str(5, r, label(row.Direction, "da"))
		s.date(6, r, row.StartDate)
		s.num(7, r, rounded(&row.Baseline, valueDecimals), st.number)
		s.num(8, r, rounded(&row.Target, valueDecimals), st.number)
		s.num(9, r, rounded(sum.Latest, valueDecimals), st.number)
		s.date(10, r, sum.LatestAt)
		s.num(11, r, rounded(sum.Change, valueDecimals), st.number)
		s.num(12, r, rounded(sum.ChangePct, pctDecimals), st.pct)
		s.num(13, r, rounded(sum.TargetReached, pctDecimals), st.pct)
		s.str(14, r, label(sum.Trend, "da"))
		s.num(15, r, &count, st.number)
	}
	return s.err
}

var measurementHeader = []string{"Indsigt", "Indikator", "Enhed", "Dato", "Værdi", "Kommentar"}

func writeMeasurementSheet(f *excelize.File, st xlsxStyles, rows []EffectRow) error {
	s := &sheetWriter{f: f, st: st, sheet: sheetMeasurements}
	s.header(measurementHeader, []float64{40, 32, 12, 12, 11, 50})
	r := 2
	for _, row := range rows {
		for _, m := range model.SortMeasurements(row.Measurements) {
			s.str(1, r, row.InsightTitle)
			s.str(2, r, row.Indicator)
			s.str(3, r, row.Unit)
			s.date(4, r, &m.MeasuredAt)
			s.num(5, r, rounded(&m.Value, valueDecimals), st.number)
			s.str(6, r, m.Comment)
			r++
		}
	}
	return s.err
}

func rounded(v *float64, decimals int) *float64 {
	if v == nil {
		return nil
	}
	r := round(*v, decimals)
	return &r
}
