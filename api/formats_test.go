package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"indsigt/api"
	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestUploadXLSXAndPDF: one API upload of a workbook with its columns
// chosen, a PDF and a scanned PDF answers a result per file; the rows and
// paragraphs are notes, the scan is named with its reason.
func TestUploadXLSXAndPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		h := newHarness(t, s)
		designer := h.user("sara@kolding.dk", model.RoleDesigner)
		P := "/api/v1/projects/filer"
		if code := h.do("POST", "/api/v1/projects", designer, `{"slug":"filer","name":"Filer"}`, nil); code != 201 {
			t.Fatalf("create project %d", code)
		}
		files := map[string][]byte{"svar.xlsx": sheet(t), "interview.pdf": pdfFixture(t, "winansi.pdf"), "skannet.pdf": pdfFixture(t, "scanned.pdf")}
		code, results := h.uploadWith(P+"/sources", designer, files, map[string]string{"text_column": "Svar", "participant_column": "Hvem", "sheet": "Ark2"})
		if code != http.StatusCreated || len(results) != 3 {
			t.Fatalf("%d %+v", code, results)
		}
		by := map[string]ingest.Result{}
		for _, r := range results {
			by[r.Name] = r
		}
		if r := by["svar.xlsx"]; r.Status != ingest.StatusIngested || r.Notes != 2 || r.Format != "xlsx" {
			t.Errorf("xlsx: %+v", r)
		}
		if r := by["interview.pdf"]; r.Status != ingest.StatusIngested || r.Notes != 6 || r.Format != "pdf" {
			t.Errorf("pdf: %+v", r)
		}
		if r := by["skannet.pdf"]; r.Status != ingest.StatusFailed || r.Reason != "scanned" || !strings.Contains(r.Error, "no text layer") {
			t.Errorf("scan: %+v", r)
		}
		var tr app.Transcript
		if code := h.do("GET", P+"/sources/"+by["svar.xlsx"].SourceID, designer, "", &tr); code != 200 || len(tr.Notes) != 2 {
			t.Fatalf("source %d %+v", code, tr)
		}
		if n := tr.Notes[0]; n.Text != "Vi spiser sammen om søndagen." || !strings.HasPrefix(n.Speaker, "Borger-") || n.Fields["Id"] != "1" {
			t.Errorf("note %+v", n)
		}
	})
}

// sheet is a workbook whose second sheet holds the answers.
func sheet(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "Forside")
	if _, err := f.NewSheet("Ark2"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"Id", "Hvem", "Svar"}, {1, "Lise Holm", "Vi spiser sammen om søndagen."}, {2, "Ib Dam", "Jeg spiser alene."}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Ark2", cell, &row)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pdfFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../ingest/parse/testdata/pdf/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// uploadWith posts files given in memory with form fields.
func (h *harness) uploadWith(path, token string, files map[string][]byte, fields map[string]string) (int, []ingest.Result) {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile("file", name)
		_, _ = w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", h.url+path, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var page api.Page[ingest.Result]
	_ = json.NewDecoder(resp.Body).Decode(&page)
	return resp.StatusCode, page.Items
}
