package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"indsigt/api"
	"indsigt/ingest"
	"indsigt/store/storetest"
)

// TestIngestXLSXAndPDF: indsigt ingest reads a folder with a workbook (its
// text column named by a flag), a PDF and a scan; the scan fails by name
// with its reason, the others go in, and the exit code says one failed.
func TestIngestXLSXAndPDF(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			setupProject(t, db, data)
			dir := t.TempDir()
			f := excelize.NewFile()
			for i, row := range [][]any{{"Hvem", "Hvornår", "Kommentar til mødet"}, {"Lise Holm", 46082, "Hun var glad for mødet."}} {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				_ = f.SetSheetRow("Sheet1", cell, &row)
			}
			if err := f.SaveAs(filepath.Join(dir, "svar.xlsx")); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"winansi.pdf", "scanned.pdf"} {
				b, err := os.ReadFile(filepath.Join("..", "..", "ingest", "parse", "testdata", "pdf", name))
				if err != nil {
					t.Fatal(err)
				}
				_ = os.WriteFile(filepath.Join(dir, name), b, 0o600)
			}
			out, errs, code := cli(t, db, data, "", "ingest", "--project", "crash", "--json",
				"--text-column", "Kommentar til mødet", "--participant-column", "hvem", "--date-column", "B", dir)
			var page api.Page[ingest.Result]
			if err := json.Unmarshal([]byte(out), &page); err != nil || code != 1 || len(page.Items) != 3 {
				t.Fatalf("ingest: %d %v %s %s", code, err, out, errs)
			}
			got := map[string]string{}
			for _, r := range page.Items {
				got[filepath.Base(r.Name)] = r.Status + " " + r.Format + " " + r.Reason
			}
			want := map[string]string{"svar.xlsx": "ingested xlsx ", "winansi.pdf": "ingested pdf ", "scanned.pdf": "failed  scanned"}
			for name, w := range want {
				if got[name] != w {
					t.Errorf("%s: %q, want %q", name, got[name], w)
				}
			}
			if !strings.Contains(errs, "scanned.pdf") || strings.Contains(errs+out, "Lise") {
				t.Errorf("stderr %s", errs)
			}
		})
	}
}
