package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is one sheet of a workbook: its name and its rows from A1.
type Sheet struct {
	Name string
	Rows [][]any
}

// Workbook is an .xlsx file with the sheets in order; the first takes the
// place of the new file's own first sheet.
func Workbook(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.Name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PDF is a PDF fixture of the parser's tests (ingest/parse/testdata/pdf),
// found from this file, so that any package's test can read it.
func PDF(t testing.TB, name string) []byte {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "..", "ingest", "parse", "testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
