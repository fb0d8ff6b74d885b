package api_test

import (
	"net/http"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/internal/testkit"
	"indsigt/model"
)

// TestUploadXLSXAndPDF: one API upload of a workbook with its columns
// chosen, a PDF and a scanned PDF answers a result per file; the rows and
// paragraphs are notes, the scan is named with its reason.
func TestUploadXLSXAndPDF(t *testing.T) {
	eachStore(t, func(t *testing.T, h *harness) {
		designer := h.user("sara@kolding.dk", model.RoleDesigner)
		P := h.project(designer, "filer", "Filer")
		code, results := h.uploadFiles(P+"/sources", designer, map[string]string{"text_column": "Svar", "participant_column": "Hvem", "sheet": "Ark2"},
			testkit.File{Name: "svar.xlsx", Body: testkit.Workbook(t, testkit.Sheet{Name: "Sheet1", Rows: [][]any{{"Forside"}}},
				testkit.Sheet{Name: "Ark2", Rows: [][]any{{"Id", "Hvem", "Svar"}, {1, "Lise Holm", "Vi spiser sammen om søndagen."}, {2, "Ib Dam", "Jeg spiser alene."}}})},
			testkit.File{Name: "interview.pdf", Body: testkit.PDF(t, "winansi.pdf")}, testkit.File{Name: "skannet.pdf", Body: testkit.PDF(t, "scanned.pdf")})
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
