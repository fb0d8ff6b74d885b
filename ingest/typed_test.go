package ingest_test

import (
	"context"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestTypedTextGetsTheProjectsCodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		r := svc.File(ctx, p, "samtale.txt", []byte("Interviewer: Hvordan går det?\n\nKaren Hansen: Godt, tak.\n"), ingest.Options{Participants: []string{"Karen Hansen"}})
		if r.Status != ingest.StatusIngested {
			t.Fatalf("%+v", r)
		}
		var got string
		err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			got, err = ingest.Typed(ctx, tx, p.ID, "  Karen Hansen ringede fra 40 12 34 56 og skrev til karen@eksempel.dk  ")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, leak := range []string{"Karen", "40 12 34 56", "karen@"} {
			if strings.Contains(got, leak) {
				t.Errorf("%q kept %q", got, leak)
			}
		}
		if !strings.HasPrefix(got, "[Borger-1] ringede fra [Telefon-") {
			t.Errorf("typed text became %q; want the participant's existing code", got)
		}
	})
}
