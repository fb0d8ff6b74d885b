package ingest_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestCSVColumnsKeptPseudonymized: a table's other columns are kept on the
// note as fields, with the personal data in them coded like the text.
func TestCSVColumnsKeptPseudonymized(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		csv := "Navn;Alder;Sted;Dato;Tekst\r\nKaren Hansen;82;Kongensgade 12, 6000 Kolding;2026-03-02;Jeg spiser alene om aftenen.\r\n"
		r := svc.File(ctx, p, "svar.csv", []byte(csv), ingest.Options{})
		if r.Status != ingest.StatusIngested || r.Notes != 1 {
			t.Fatalf("%+v", r)
		}
		id, _ := strconv.ParseInt(r.SourceID, 10, 64)
		ns, err := s.SourceNotes(ctx, p.ID, id)
		if err != nil || len(ns) != 1 {
			t.Fatalf("%v %v", ns, err)
		}
		f := ns[0].Fields
		if f["Alder"] != "82" || !strings.HasPrefix(f["Navn"], "[") || strings.Contains(f["Sted"], "Kongensgade") {
			t.Fatalf("fields %v", f)
		}
		// The person named only in a column is found by their code, so an
		// erasure takes the note along.
		if ids, err := s.ParticipantNotes(ctx, p.ID, strings.Trim(f["Navn"], "[]")); err != nil || len(ids) != 1 {
			t.Fatalf("notes of %s: %v %v", f["Navn"], ids, err)
		}
		dump, _ := s.DumpText(ctx, "pseudonym_keys")
		for table, text := range dump {
			if strings.Contains(text, "Karen") || strings.Contains(text, "Kongensgade") {
				t.Errorf("table %s holds an original", table)
			}
		}
	})
}
