package report

import (
	"testing"
	"time"

	"indsigt/model"
)

// TestQDPXCarriesHighlightsCasesSets: highlights are selections of their
// span (offsets into the joined text), participants are cases, insights
// are sets; the file still validates.
func TestQDPXCarriesHighlightsCasesSets(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	tags := []model.Tag{{ID: 1, Name: "Mad", Color: "#1b6e3a"}}
	src := CodedSource{Source: model.Source{ID: 1, Title: "Nattevagt"}, Participants: []string{"Borger-1"},
		Notes:      []model.Note{{ID: 1, Text: "Første note."}, {ID: 2, Speaker: "Borger-1", Text: "Er der mad nok til i morgen?"}},
		Highlights: []model.Highlight{{ID: 7, NoteID: 2, Start: 7, End: 10, Tags: []string{"Mad"}}}}
	memos := []model.Memo{{ID: 1, Author: "Åse", Body: "Om maden", NoteID: ptr(2), CreatedAt: at}, {ID: 2, Author: "Åse", Body: "Indsigt", InsightID: ptr(9), CreatedAt: at}}
	p := QDAOf(QDAInput{Project: model.Project{Name: "P"}, At: at, Tags: tags, Sources: []CodedSource{src}, Memos: memos,
		MemoHighlights: map[int64]int64{1: 7},
		Insights:       []model.InsightDetail{{Insight: model.Insight{ID: 9, Title: "Mad om natten", Statement: "Hun er bange."}, Evidence: []model.Evidence{{NoteID: 2, SourceID: 1}}}}})
	if want := "Første note.\n\nBorger-1: Er der mad nok til i morgen?"; p.Sources[0].Text != want {
		t.Fatalf("text %q", p.Sources[0].Text)
	}
	sel := p.Sources[0].Selections[0]
	if got := string([]rune(p.Sources[0].Text)[sel.Start:sel.End]); got != "mad" || len(sel.NoteRefs) != 1 {
		t.Errorf("highlight selection %+v spans %q", sel, got)
	}
	files, doc := exportQDPX(t, p)
	if doc.Cases == nil || doc.Cases.Case[0].Name != "Borger-1" || len(doc.Cases.Case[0].SourceRefs) != 1 {
		t.Errorf("cases %+v", doc.Cases)
	}
	if doc.Sets == nil || doc.Sets.Set[0].Description != "Hun er bange." || len(doc.Sets.Set[0].Sources) != 1 || len(doc.Sets.Set[0].Notes) != 1 {
		t.Errorf("sets %+v", doc.Sets)
	}
	validateWithXmllint(t, files["project.qde"])
}
