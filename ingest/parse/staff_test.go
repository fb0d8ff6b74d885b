package parse

import "testing"

func TestLabelLinesAreNotSpeakers(t *testing.T) {
	for _, line := range []string{
		"Workshop: Ældrepleje i Kolding", "Kontakt: Anne Jensen", "Observatør: Pia", "Dato: 12.03.2026",
		"Sted: Sundhedshuset", "CPR: 1212901212", "Adresse: Skovvej 3", "Tlf: 22 34 56 78", "Fødselsdato: 3. marts 1941",
	} {
		if label, _, ok := splitSpeaker(line); ok {
			t.Errorf("%q: %q taken for a speaker", line, label)
		}
	}
	for _, line := range []string{"Interviewer: Hvordan går det?", "Anne: Godt.", "Sagsbehandler: Ja.", "Deltager 2: Nej."} {
		if _, _, ok := splitSpeaker(line); !ok {
			t.Errorf("%q: not a speaker turn", line)
		}
	}
}

func TestStaffLabelsAndNames(t *testing.T) {
	for label, want := range map[string]bool{
		"Interviewer": true, "I": true, "Sagsbehandler": true, "Sygeplejerske 2": true, "Pædagog": true,
		"Medarbejder": true, "Leder": true, "Terapeut": true, "Borger": false, "Karen": false, "Deltager 2": false,
	} {
		if got := IsStaffLabel(label); got != want {
			t.Errorf("IsStaffLabel(%q) = %v, want %v", label, got, want)
		}
	}
	if !isInterviewer("Anne", "Anne Jensen") || !isInterviewer("Pia", "", "Pia Thomsen") || isInterviewer("Karen", "Anne Jensen") {
		t.Error("interviewer and staff are not matched by first name")
	}
}

func TestFrontMatterStaff(t *testing.T) {
	doc, err := parseMarkdown("---\ninterviewer: Anne Jensen\nmedarbejdere:\n  - Pia Thomsen\ndeltagere:\n  - Karen Hansen\n---\n\nPia: Hej.\n\nKaren: Hej.\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Meta.Staff) != 1 || doc.Meta.Staff[0] != "Pia Thomsen" || len(doc.Meta.Participants) != 1 {
		t.Fatalf("meta: %+v", doc.Meta)
	}
	if doc.Segments[0].Role != RoleInterviewer || doc.Segments[1].Role != RoleParticipant {
		t.Errorf("roles: %+v", doc.Segments)
	}
}
