package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook writes a workbook with one sheet per name → rows (values as
// excelize takes them); edit may style, merge or add formulas first.
func workbook(t testing.TB, sheets map[string][][]any, order []string, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withPart rewrites one part of a zip (a cached formula value excelize
// does not write, a shared strings table).
func withPart(t testing.TB, data []byte, name string, change func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			body = []byte(change(string(body)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	return out.Bytes()
}

func interviews(t testing.TB) []byte {
	rows := [][]any{
		{"Interviews i Marielund, foråret 2026"},
		{"Deltager", "Tekst", "Dato", "Alder", "Sted"},
		{"Karen Jensen", "Jeg tjekker køleskabet hver nat.", 46082, 34, "Marielund"},
		{nil, "Børnene får først.", 46082, 34, "Marielund"},
		{},
		{"Jens Hansen", "Bussen kører ikke mere.", "3. marts 2026", 71.5, "Kolding"},
		{"Bo", nil, "1.3.2026", 40, "Tom række uden tekst"},
	}
	return workbook(t, map[string][][]any{"Interviews": rows}, []string{"Interviews"}, func(f *excelize.File) {
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		_ = f.SetCellStyle("Interviews", "C3", "C4", style)
		_ = f.MergeCell("Interviews", "A3", "A4")
	})
}

func TestXLSXRowsAsNotes(t *testing.T) {
	doc, err := Parse("interviews.xlsx", interviews(t), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "xlsx" || doc.Meta.Title != "Interviews i Marielund, foråret 2026" {
		t.Errorf("format %q, title %q", doc.Format, doc.Meta.Title)
	}
	type note struct{ speaker, text, date, age, place string }
	want := []note{
		{"Karen Jensen", "Jeg tjekker køleskabet hver nat.", "2026-03-01", "34", "Marielund"},
		{"Karen Jensen", "Børnene får først.", "2026-03-01", "34", "Marielund"}, // merged down
		{"Jens Hansen", "Bussen kører ikke mere.", "3. marts 2026", "71.5", "Kolding"},
	}
	if len(doc.Segments) != len(want) {
		t.Fatalf("%d notes, want %d: %+v", len(doc.Segments), len(want), doc.Segments)
	}
	for i, s := range doc.Segments {
		got := note{s.Speaker, s.Text, s.Fields["Dato"], s.Fields["Alder"], s.Fields["Sted"]}
		if got != want[i] {
			t.Errorf("note %d: %+v, want %+v", i, got, want[i])
		}
	}
}

func TestXLSXCommonDateAndFormula(t *testing.T) {
	rows := [][]any{
		{"Tekst", "Dato", "Antal"},
		{"Første svar", 46082, 2},
		{"Andet svar", 46082, 3},
	}
	data := workbook(t, map[string][][]any{"Ark1": rows}, []string{"Ark1"}, func(f *excelize.File) {
		_ = f.SetCellFormula("Ark1", "C3", "C2+1")
	})
	// Excel stores a formula's last result beside it; excelize does not
	// calculate, so the cached value is what is read.
	data = withPart(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, "<f>C2+1</f>", "<f>C2+1</f><v>3</v>", 1)
	})
	doc, err := Parse("svar.xlsx", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Date != "2026-03-01" {
		t.Errorf("date %q from the serial 46082, want 2026-03-01", doc.Meta.Date)
	}
	if len(doc.Segments) != 2 || doc.Segments[1].Fields["Antal"] != "3" {
		t.Errorf("segments %+v: the formula's cached value 3 missing", doc.Segments)
	}
}

func TestXLSXMapping(t *testing.T) {
	sheets := map[string][][]any{
		"Forside": {{"Om undersøgelsen"}, {"Spørgeskema om mad, 2026"}},
		"Svar":    {{"Id", "Hvem", "Svar", "Hvornår"}, {1, "Lise", "Vi spiser sammen om søndagen.", "2026-02-01"}, {2, "Ib", "Jeg spiser alene.", "2026-02-02"}},
	}
	data := workbook(t, sheets, []string{"Forside", "Svar"}, nil)
	doc, err := ParseWith("skema.xlsx", data, DefaultLimits(), Mapping{Sheet: "svar", Text: "C", Speaker: "hvem", Date: "Hvornår"})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 2 || doc.Segments[0].Text != "Vi spiser sammen om søndagen." || doc.Segments[0].Speaker != "Lise" || doc.Segments[1].Fields["Hvornår"] != "2026-02-02" || doc.Segments[1].Fields["Id"] != "2" {
		t.Errorf("segments %+v", doc.Segments)
	}
	for m, want := range map[Mapping]string{
		{Sheet: "Resultater"}:              "(it has 2)", // sheet names may be people's: not repeated
		{Sheet: "Svar", Text: "Kommentar"}: `(it has "Id", "Hvem", "Svar", "Hvornår")`,
	} {
		_, err := ParseWith("skema.xlsx", data, DefaultLimits(), m)
		if !errors.Is(err, ErrNoTextColumn) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "Forside") {
			t.Errorf("mapping %+v: %v, want ErrNoTextColumn with %s", m, err, want)
		}
	}
}

func TestXLSXRefusals(t *testing.T) {
	numbers := workbook(t, map[string][][]any{"Budget": {{"År", "Beløb"}, {2025, 1200.5}, {2026, 1300}}}, []string{"Budget"}, nil)
	dir := t.TempDir()
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "Tekst")
	_ = f.SetCellValue("Sheet1", "A2", "Hemmeligt svar")
	if err := f.SaveAs(filepath.Join(dir, "laast.xlsx"), excelize.Options{Password: "hemmelig"}); err != nil {
		t.Fatal(err)
	}
	locked := readFile(t, filepath.Join(dir, "laast.xlsx"))
	valid := interviews(t)
	xls := append(append([]byte{}, cfbMagic...), utf16le("Workbook")...)
	testRefusals(t, []refusal{
		{"budget.xlsx", numbers, Limits{}, ErrNoTextColumn, "no column holds text"},
		{"laast.xlsx", locked, Limits{}, ErrEncrypted, "password"},
		{"gammel.xls", xls, Limits{}, ErrUnsupported, "Excel 97-2003"},
		{"halv.xlsx", valid[:len(valid)/2], Limits{}, ErrDamaged, "damaged"},
		{"celler.xlsx", valid, Limits{MaxXLSXCells: 10}, ErrTooLarge, "INDSIGT_MAX_XLSX_CELLS"},
		{"raekker.xlsx", valid, Limits{MaxCSVRows: 2}, ErrTooLarge, "INDSIGT_MAX_CSV_ROWS"},
		{"strenge.xlsx", valid, Limits{MaxXLSXStrings: 3}, ErrTooLarge, "INDSIGT_MAX_XLSX_STRINGS"},
		{"felt.xlsx", valid, Limits{MaxCSVFieldBytes: 10}, ErrTooLarge, "cell A1 exceeds"},
		{"stor.xlsx", valid, Limits{MaxDocxUncompressed: 1000}, ErrTooLarge, "INDSIGT_MAX_DOCX_BYTES"},
	})
}

// TestXLSXTruncated: a workbook cut anywhere is refused, never a panic.
func TestXLSXTruncated(t *testing.T) {
	data := interviews(t)
	for n := 0; n < len(data); n += 1 + len(data)/200 {
		if _, err := Parse("kort.xlsx", data[:n], DefaultLimits()); err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
