package ui_test

import (
	"strings"
	"testing"

	"indsigt/internal/testkit"
	"indsigt/model"
)

// TestUploadXLSXAndPDFPage: the upload form offers the table columns and
// takes xlsx and pdf; a multi-file upload reports each file, a scan and a
// workbook without a text column with their Danish reasons.
func TestUploadXLSXAndPDFPage(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	_, form := c.get(e.path(""))
	for _, want := range []string{`name="text_column"`, `name="participant_column"`, `name="date_column"`, `name="sheet"`, ".xlsx,.pdf", "xlsx (Excel) eller pdf"} {
		if !strings.Contains(form, want) {
			t.Errorf("upload form lacks %s", want)
		}
	}
	book := func(rows ...[]any) []byte { return testkit.Workbook(t, testkit.Sheet{Name: "Sheet1", Rows: rows}) }
	_, page, _ := c.do(c.multipart(e.path("/sources"), map[string]string{"text_column": "Svar"},
		testkit.File{Name: "svar.xlsx", Body: book([]any{"Hvem", "Svar"}, []any{"Lise Holm", "Vi spiser sammen om søndagen."})},
		testkit.File{Name: "budget.xlsx", Body: book([]any{"År", "Beløb"}, []any{2026, 1200})},
		testkit.File{Name: "skannet.pdf", Body: testkit.PDF(t, "scanned.pdf")}))
	for name, want := range map[string]string{
		"svar.xlsx":   "(1 note)",
		"skannet.pdf": "PDF&#39;en har ingen tekst — den er måske skannet. Kør tekstgenkendelse (OCR) først.",
		"budget.xlsx": "tabellen har ingen kolonne med tekst",
	} {
		if got := between(page, name, "</li>"); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", name, got, want)
		}
	}
}
