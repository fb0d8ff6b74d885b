package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/store"
	"indsigt/store/storetest"
)

// answers is a small workbook: a title row, then a header whose columns
// do not say which is the text, so the upload names them.
func answers(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	rows := [][]any{
		{"Svar fra pårørende"},
		{"Hvem", "Hvornår", "Alder", "Hvad blev sagt"},
		{"Karen Hansen", 46082, 82, "Min mor spiser alene, og Karen Hansen ringer hver aften."},
		{"Jens Bo Madsen", "3. marts 2026", 67, "Jeg bor på Kongensgade 12, 6000 Kolding og handler selv."},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXUpload: a workbook's rows become notes with the chosen columns,
// the other columns kept as fields, and every name pseudonymized.
func TestXLSXUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		opt := ingest.Options{Columns: parse.Mapping{Text: "Hvad blev sagt", Speaker: "A", Date: "hvornår"}}
		r := svc.File(ctx, p, "svar.xlsx", answers(t), opt)
		if r.Status != ingest.StatusIngested || r.Notes != 2 || r.Format != "xlsx" {
			t.Fatalf("%+v", r)
		}
		id, _ := strconv.ParseInt(r.SourceID, 10, 64)
		ns, err := s.SourceNotes(ctx, p.ID, id)
		if err != nil || len(ns) != 2 {
			t.Fatalf("%v %v", ns, err)
		}
		if ns[0].Fields["Alder"] != "82" || ns[0].Fields["Hvornår"] != "2026-03-01" || ns[1].Fields["Hvornår"] != "3. marts 2026" {
			t.Errorf("fields %v %v", ns[0].Fields, ns[1].Fields)
		}
		for _, n := range ns {
			if strings.Contains(n.Text, "Karen") || strings.Contains(n.Text, "Kongensgade") || !strings.HasPrefix(n.Speaker, "Borger-") && !strings.HasPrefix(n.Speaker, "Person-") {
				t.Errorf("note not pseudonymized: speaker %q text %q", n.Speaker, n.Text)
			}
		}
		dump, _ := s.DumpText(ctx, "pseudonym_keys")
		for table, text := range dump {
			if strings.Contains(text, "Karen") || strings.Contains(text, "Jens Bo") || strings.Contains(text, "Kongensgade") {
				t.Errorf("table %s holds an original", table)
			}
		}
		// Without the mapping the text column is not named in the header:
		// the column with the most text is taken, as for CSV.
		r = svc.File(ctx, p, "svar-igen.xlsx", withCell(t, answers(t)), ingest.Options{})
		if r.Status != ingest.StatusIngested || r.Notes != 2 {
			t.Errorf("without mapping: %+v", r)
		}
		r = svc.File(ctx, p, "forkert.xlsx", answers(t), ingest.Options{Columns: parse.Mapping{Sheet: "Resultater"}})
		if r.Status != ingest.StatusFailed || r.Reason != "no_text_column" || !strings.Contains(r.Error, "the chosen sheet is not in the workbook (it has 1)") {
			t.Errorf("unknown sheet: %+v", r)
		}
	})
}

// withCell changes the workbook (one more answer) so it is no duplicate.
func withCell(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue("Sheet1", "E3", "ekstra")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPDFUpload: a PDF's paragraphs become notes, pseudonymized; a scan
// and a locked PDF fail with their reasons and leave nothing behind.
func TestPDFUpload(t *testing.T) {
	fixture := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("parse", "testdata", "pdf", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		r := svc.File(ctx, p, "interview.pdf", fixture("identity-h.pdf"), ingest.Options{})
		if r.Status != ingest.StatusIngested || r.Notes != 6 || r.Format != "pdf" {
			t.Fatalf("%+v", r)
		}
		id, _ := strconv.ParseInt(r.SourceID, 10, 64)
		ns, _ := s.SourceNotes(ctx, p.ID, id)
		all := ""
		for _, n := range ns {
			all += n.Text + "\n"
		}
		if strings.Contains(all, "Karen Jensen") || strings.Contains(all, "20 30 40 50") || !strings.Contains(all, "køleskabet") || !strings.Contains(all, "[Telefon-1]") {
			t.Errorf("notes:\n%s", all)
		}
		for name, reason := range map[string]string{"scanned.pdf": "scanned", "encrypted.pdf": "encrypted"} {
			r := svc.File(ctx, p, name, fixture(name), ingest.Options{})
			if r.Status != ingest.StatusFailed || r.Reason != reason {
				t.Errorf("%s: %+v, want reason %s", name, r, reason)
			}
		}
		if srcs, _ := s.Sources(ctx, p.ID, 0, 10); len(srcs) != 1 {
			t.Errorf("%d sources, want only the readable PDF", len(srcs))
		}
	})
}
