package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestCanaryFile is the canary on the ingest path: none of the
// originals may be in a stored note, title, file name, place or speaker.
func TestCanaryFile(t *testing.T) {
	const name = "interview-karen-hansen-010190-1234.txt"
	body := "Interview\nSted: Kongensgade 12, 1. th., 6000 Kolding\nCPR: 1212901212\n\n" +
		"Interviewer: Hvordan går det?\n" +
		"Karen: Mit nummer er 01.01.90-1234, og på brevet står 0101901234.\n" +
		"Interviewer: Hvem hjælper dig?\n" +
		"Karen: min datter Signe Holm. Hun bor i Kongensgade 12, 1. th., 6000 Kolding.\n\n" +
		"Pensionen går til reg.nr. 1234 kontonr. 1234567, og bilen er AB 12 345.\n"
	originals := []string{"Karen", "karen", "Hansen", "hansen", "1212901212", "01.01.90-1234", "0101901234", "010190-1234",
		"Signe", "Holm", "Kongensgade", "1234567", "AB 12 345"}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		res := svc.File(ctx, p, name, []byte(body), ingest.Options{Participants: []string{"Karen Hansen"}, Place: "Kongensgade 12, Kolding"})
		src, notes := stored(t, s, p, res)
		stored := []string{src.Title, src.Filename, src.Place, src.Interviewer}
		for _, n := range notes {
			stored = append(stored, n.Speaker+": "+n.Text)
		}
		all := strings.Join(stored, "\n")
		for _, o := range originals {
			if strings.Contains(all, o) {
				t.Errorf("%q survived ingest:\n%s", o, all)
			}
		}
		for _, n := range notes {
			if strings.HasPrefix(n.Text, "1212901212") || n.Speaker == "CPR" || n.Speaker == "Sted" {
				t.Errorf("a label line became a speaker: %+v", n)
			}
		}
	})
}

// TestStaffAreStaff: an interviewer labelled by first name, and a speaker
// labelled by a staff role, are coded Medarbejder-N; the citizen Borger-N.
func TestStaffAreStaff(t *testing.T) {
	md := "---\nkind: interview\ninterviewer: Anne Jensen\nparticipants:\n  - Karen Hansen\n---\n\n" +
		"Anne: Hvordan går det?\n\nKaren: Godt, tak.\n\nSagsbehandler: Vi ses i næste uge.\n\n" +
		"Workshop: om ældrepleje\n\nKontakt: Anne Jensen\n"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		res := svc.File(ctx, p, "samtale.md", []byte(md), ingest.Options{})
		_, notes := stored(t, s, p, res)
		want := []struct{ prefix, role string }{{"Medarbejder-", "interviewer"}, {"Borger-", "participant"}, {"Medarbejder-", "interviewer"}, {"", ""}, {"", ""}}
		if len(notes) != len(want) {
			t.Fatalf("%d notes, want %d: %+v", len(notes), len(want), notes)
		}
		for i, w := range want {
			n := notes[i]
			if (w.prefix == "" && n.Speaker != "") || !strings.HasPrefix(n.Speaker, w.prefix) || n.SpeakerRole != w.role {
				t.Errorf("note %d: speaker %q role %q, want %q… %q (%q)", i, n.Speaker, n.SpeakerRole, w.prefix, w.role, n.Text)
			}
			if strings.Contains(n.Text, "Anne") || strings.Contains(n.Text, "Jensen") {
				t.Errorf("note %d keeps the staff name: %q", i, n.Text)
			}
		}
	})
}

// TestStaffFromUpload: staff named only in the upload's options are staff
// in a Teams transcript and in a text file with first-name labels.
func TestStaffFromUpload(t *testing.T) {
	vtt := "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Pia Thomsen>Hvordan går det?</v>\n\n00:05.000 --> 00:09.000\n<v Karen Hansen>Det går fint, tak.</v>\n"
	txt := "Anne: Hvordan går det?\nKaren: Godt.\n"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		for _, f := range []struct {
			name, data string
			opt        ingest.Options
		}{
			{"teams.vtt", vtt, ingest.Options{Staff: []string{"Pia Thomsen"}}},
			{"samtale.txt", txt, ingest.Options{Interviewer: "Anne Jensen", Participants: []string{"Karen Hansen"}}},
		} {
			res := svc.File(ctx, p, f.name, []byte(f.data), f.opt)
			_, notes := stored(t, s, p, res)
			if len(notes) != 2 || !strings.HasPrefix(notes[0].Speaker, "Medarbejder-") || notes[0].SpeakerRole != "interviewer" ||
				!strings.HasPrefix(notes[1].Speaker, "Borger-") || notes[1].SpeakerRole != "participant" {
				t.Errorf("%s: %+v", f.name, notes)
			}
		}
	})
}

// TestThirdPartyOneCode: "Signe" after "min datter Signe Holm" in the same
// file gets the same code as the full name.
func TestThirdPartyOneCode(t *testing.T) {
	txt := "Karen: Min datter Signe Holm kommer om tirsdagen.\n\nKaren: Bagefter ringer Signe altid.\n"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		res := svc.File(ctx, p, "samtale.txt", []byte(txt), ingest.Options{Participants: []string{"Karen Hansen"}})
		var id int64
		fmt.Sscan(res.SourceID, &id)
		notes, err := s.SourceNotes(ctx, p.ID, id)
		if err != nil || len(notes) != 2 {
			t.Fatalf("%v %+v", err, notes)
		}
		if !strings.Contains(notes[0].Text, "[Person-1]") || !strings.Contains(notes[1].Text, "[Person-1]") {
			t.Errorf("two codes for one person: %q / %q", notes[0].Text, notes[1].Text)
		}
	})
}

// TestPseudonymizeTyped: typed text gets the project's existing codes.
func TestPseudonymizeTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		res := svc.File(ctx, p, "samtale.txt", []byte("Karen: Ring på 22 34 56 78.\n"), ingest.Options{Participants: []string{"Karen Hansen"}})
		if res.Status != ingest.StatusIngested {
			t.Fatalf("%+v", res)
		}
		var got string
		err := s.InTx(ctx, func(tx *store.Tx) error {
			var err error
			got, err = ingest.Pseudonymize(ctx, tx, p.ID, []string{"Karen Hansen"}, nil,
				"Karen Hansen (tlf. 22345678) og naboen Jens Pedersen, CPR 0101901234, bor på Skovvej 3")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []string{"Karen", "Hansen", "22345678", "Jens", "Pedersen", "0101901234", "Skovvej"} {
			if strings.Contains(got, o) {
				t.Errorf("%q survived: %q", o, got)
			}
		}
		if !strings.Contains(got, "[Borger-1]") || !strings.Contains(got, "[Telefon-1]") {
			t.Errorf("existing codes not reused: %q", got)
		}
	})
}

// TestCSVNameColumn: a "Navn" column's names are found in the text column.
func TestCSVNameColumn(t *testing.T) {
	csv := "Navn;Alder;Tekst\nKaren Holm;82;Karen siger, at Holm-familien hjælper.\n"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		res := svc.File(ctx, p, "svar.csv", []byte(csv), ingest.Options{})
		var id int64
		fmt.Sscan(res.SourceID, &id)
		notes, err := s.SourceNotes(ctx, p.ID, id)
		if err != nil || len(notes) != 1 {
			t.Fatalf("%v %+v %+v", err, res, notes)
		}
		if strings.Contains(notes[0].Text, "Karen") || strings.Contains(notes[0].Text, "Holm") || !strings.Contains(notes[0].Text, "[Borger-1]") {
			t.Errorf("note: %q", notes[0].Text)
		}
	})
}
