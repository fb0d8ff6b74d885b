package ui_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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
	scan, err := os.ReadFile("../ingest/parse/testdata/pdf/scanned.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", c.csrf)
	_ = mw.WriteField("text_column", "Svar")
	for name, data := range map[string][]byte{
		"svar.xlsx":   book(t, [][]any{{"Hvem", "Svar"}, {"Lise Holm", "Vi spiser sammen om søndagen."}}),
		"budget.xlsx": book(t, [][]any{{"År", "Beløb"}, {2026, 1200}}),
		"skannet.pdf": scan,
	} {
		fw, _ := mw.CreateFormFile("file", name)
		_, _ = fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+e.path("/sources"), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	_, page, _ := c.do(req)
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

func book(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &row)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
