package report

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteEffectsXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEffectsXLSX(&buf, effectFixture()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != sheetEffects || got[1] != sheetMeasurements {
		t.Fatalf("sheets = %v", got)
	}
	tests := []struct {
		sheet, cell string
		typ         excelize.CellType
		raw         string
	}{
		{sheetEffects, "A1", excelize.CellTypeSharedString, "Indsigt"},
		{sheetEffects, "A2", excelize.CellTypeSharedString, "Borgere føler sig ikke hørt"},
		{sheetEffects, "F2", excelize.CellTypeUnset, "46027"}, // 2026-01-05 as an Excel date serial
		{sheetEffects, "G2", excelize.CellTypeUnset, "12"},
		{sheetEffects, "K2", excelize.CellTypeUnset, "-8"},
		{sheetEffects, "L2", excelize.CellTypeUnset, "-66.7"},
		{sheetEffects, "M2", excelize.CellTypeUnset, "80"},
		{sheetEffects, "O2", excelize.CellTypeUnset, "3"},
		{sheetEffects, "A3", excelize.CellTypeSharedString, `=HYPERLINK("http://evil.example","klik")`},
		{sheetEffects, "G3", excelize.CellTypeUnset, "1234.5"},
		{sheetEffects, "I3", excelize.CellTypeUnset, ""},
		{sheetEffects, "C4", excelize.CellTypeSharedString, "@SUM(A1:A2)"},
		{sheetMeasurements, "D2", excelize.CellTypeUnset, "46034"}, // sorted: 12 Jan first
		{sheetMeasurements, "E2", excelize.CellTypeUnset, "10"},
		{sheetMeasurements, "E4", excelize.CellTypeUnset, "4"},
		{sheetMeasurements, "F3", excelize.CellTypeSharedString, `=HYPERLINK("http://evil")`},
		{sheetMeasurements, "F4", excelize.CellTypeSharedString, "Efter ny brevskabelon – færre rykkere"},
	}
	for _, tt := range tests {
		typ, err := f.GetCellType(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if typ != tt.typ || raw != tt.raw {
			t.Errorf("%s!%s = %q (type %v), want %q (type %v)", tt.sheet, tt.cell, raw, typ, tt.raw, tt.typ)
		}
		if formula, _ := f.GetCellFormula(tt.sheet, tt.cell); formula != "" {
			t.Errorf("%s!%s has formula %q", tt.sheet, tt.cell, formula)
		}
	}
	// Numbers parse as float and dates show as dates.
	if v, _ := f.GetCellValue(sheetEffects, "K2", excelize.Options{RawCellValue: true}); mustFloat(t, v) != -8 {
		t.Errorf("K2 = %s", v)
	}
	if v, _ := f.GetCellValue(sheetEffects, "F2"); v != "2026-01-05" {
		t.Errorf("formatted start date = %q, want 2026-01-05", v)
	}
	if v, _ := f.GetCellValue(sheetMeasurements, "D4"); v != "2026-03-02" {
		t.Errorf("formatted measurement date = %q", v)
	}
	checkHeaderStyle(t, f)
}

func checkHeaderStyle(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range []string{sheetEffects, sheetMeasurements} {
		id, err := f.GetCellStyle(sheet, "B1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s header not bold: %+v %v", sheet, st, err)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s header not frozen: %+v %v", sheet, panes, err)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w != 40 {
			t.Errorf("%s column A width = %v", sheet, w)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
