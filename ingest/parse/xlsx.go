package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Reading a workbook: the rows of one sheet (the first, or Mapping.Sheet)
// are a table like a CSV file's and share its column mapping (csv.go,
// mapping.go): the first row with content is the header, unless it holds
// a single cell above a wider row, which is then the title.
//
// Decisions worth knowing:
//   - Values are read as Excel shows them (github.com/xuri/excelize):
//     numbers as text in their number format, a formula's cached value
//     (never recalculated), dates in Excel's short date format as
//     YYYY-MM-DD. In the date column an Excel serial number (a date cell
//     formatted as a number) is read as the date it counts.
//   - A cell merged over several rows belongs to each of them: its value
//     is copied down (a participant's name merged over their answers).
//   - Limits come before the content: the zip's entries and declared
//     uncompressed sizes (MaxDocxEntries, MaxDocxUncompressed; the zip
//     reader refuses a part longer than declared), the shared strings
//     table (MaxXLSXStrings) and the sheet's cells (MaxXLSXCells) are
//     counted by streaming before excelize reads them; rows (MaxCSVRows)
//     and cell sizes (MaxCSVFieldBytes) while reading; the shared strings,
//     which excelize decodes whole, are at most 64 MiB. Excelize keeps
//     every part in memory (never in a temporary file: the cells are
//     personal data), so memory is bounded by MaxDocxUncompressed.

func parseXLSX(z *Zip, data []byte, lim Limits, m Mapping) (*Document, error) {
	doc, err := readWorkbook(z, data, lim, m)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return doc, nil
}

func readWorkbook(z *Zip, data []byte, lim Limits, m Mapping) (*Document, error) {
	if err := checkWorkbook(z, lim); err != nil {
		return nil, err
	}
	sheet, part, err := sheetPart(z, m.Sheet, lim)
	if err != nil {
		return nil, err
	}
	merges, err := scanSheet(z, part, lim)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxDocxUncompressed,
		UnzipXMLSizeLimit: lim.MaxDocxUncompressed,
		ShortDatePattern:  "yyyy-mm-dd",
	})
	if err != nil {
		return nil, damagedWorkbook(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := readRows(f, sheet, merges, lim)
	if err != nil {
		return nil, err
	}
	title, header, body := splitHeader(rows)
	if header == nil {
		return nil, fmt.Errorf("sheet %q is empty: %w", sheet, ErrNoText)
	}
	serialDates(header, body, m.Date)
	doc, err := csvDocument("xlsx", header, body, m)
	if err != nil {
		return nil, err
	}
	doc.Meta.Title = title
	return doc, nil
}

// damagedWorkbook names only the zip's own errors: excelize's and the XML
// decoder's quote the workbook (sheet names, cell text), and an answer is
// shown, logged and screen-shared like any page.
func damagedWorkbook(err error) error {
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	detail := ""
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) {
		detail = " (" + err.Error() + ")"
	}
	return fmt.Errorf("the workbook cannot be read%s: open it in Excel and save it again: %w", detail, ErrDamaged)
}

// readRows streams the sheet's rows, merged cells filled down, empty rows
// left out.
func readRows(f *excelize.File, sheet string, merges *mergeFill, lim Limits) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, damagedWorkbook(err)
	}
	defer func() { _ = rows.Close() }()
	var out [][]string
	cells := 0
	for r := 1; rows.Next(); r++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, damagedWorkbook(err)
		}
		cols = merges.fill(r, cols)
		if filled(cols) == 0 {
			continue
		}
		if cells += len(cols); cells > lim.MaxXLSXCells {
			return nil, tooManyCells(lim)
		}
		if len(out) > lim.MaxCSVRows { // the header row is not counted
			return nil, fmt.Errorf("more than %d rows (limit INDSIGT_MAX_CSV_ROWS): %w", lim.MaxCSVRows, ErrTooLarge)
		}
		for c, v := range cols {
			if len(v) > lim.MaxCSVFieldBytes {
				name, _ := excelize.CoordinatesToCellName(c+1, r)
				return nil, fmt.Errorf("cell %s exceeds %d bytes (limit INDSIGT_MAX_CSV_FIELD_BYTES): %w", name, lim.MaxCSVFieldBytes, ErrTooLarge)
			}
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, damagedWorkbook(err)
	}
	return out, nil
}

func tooManyCells(lim Limits) error {
	return fmt.Errorf("more than %d cells (limit INDSIGT_MAX_XLSX_CELLS): %w", lim.MaxXLSXCells, ErrTooLarge)
}

func filled(row []string) int {
	n := 0
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	return n
}

// splitHeader finds the title (a lone cell above a wider row), the header
// and the rows under it.
func splitHeader(rows [][]string) (title string, header []string, body [][]string) {
	if len(rows) >= 2 && filled(rows[0]) == 1 && filled(rows[1]) >= 2 {
		for _, v := range rows[0] {
			if t := strings.TrimSpace(v); t != "" {
				title = collapseSpaces(cleanText(t))
			}
		}
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return title, nil, nil
	}
	return title, rows[0], rows[1:]
}

// serialDates reads the numbers in the date column (chosen, else named by
// the header) as Excel serial dates: a date typed into a cell formatted as
// a number shows as 46082.
func serialDates(header []string, body [][]string, chosen string) {
	col := -1
	if strings.TrimSpace(chosen) != "" {
		col, _ = findColumn(header, chosen)
	} else {
		for i, h := range header {
			if specialColumns[normHeader(h)] == colDate {
				col = i
				break
			}
		}
	}
	if col < 0 {
		return
	}
	for _, row := range body {
		if col >= len(row) {
			continue
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(row[col]), 64)
		if err != nil || n < 1 || n >= 2958466 { // 2958466 is the day after 9999-12-31
			continue
		}
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			row[col] = t.Format("2006-01-02")
		}
	}
}
