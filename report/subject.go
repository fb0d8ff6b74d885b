package report

import (
	"bytes"
	"fmt"
	"time"

	"indsigt/format"
)

// Subject is a data subject's report (GDPR art. 15), as the caller
// assembled it: the participant's notes, the insights citing them and who
// read them when.
type Subject struct {
	Project, Participant string
	MadeAt               time.Time
	Notes                []SubjectNote
	Cites                []SubjectCite
	Reads                []SubjectRead
}

// SubjectNote is one of the participant's notes.
type SubjectNote struct{ Source, Speaker, Text, Tags string }

// SubjectCite is an insight that cites one of the notes.
type SubjectCite struct{ Title, Phase, NoteID, Stance string }

// SubjectRead is one recorded read of the participant's notes.
type SubjectRead struct {
	At                   time.Time
	User, Action, Object string
}

// subjectLabels are the report's words; Danish first.
var subjectLabels = map[string]map[string]string{
	"da": {"title": "Indsigt i egne oplysninger", "intro": "Alt, hvad projektet har registreret om deltager %s: noterne, de indsigter der citerer dem, og hvem der har læst dem hvornår.",
		"notes": "Noter", "cites": "Indsigter der citerer noterne", "reads": "Hvem har læst noterne", "none": "Ingen registreret.",
		"tags": "Koder", "insight": "Indsigt", "phase": "Fase", "note": "Note", "stance": "Rolle", "when": "Hvornår", "who": "Hvem", "action": "Handling", "what": "Hvad"},
	"en": {"title": "Subject access report", "intro": "Everything the project holds about participant %s: the notes, the insights citing them, and who read them when.",
		"notes": "Notes", "cites": "Insights citing the notes", "reads": "Who read the notes", "none": "None recorded.",
		"tags": "Codes", "insight": "Insight", "phase": "Phase", "note": "Note", "stance": "Stance", "when": "When", "who": "Who", "action": "Action", "what": "What"},
}

type subjectWords struct {
	Intro, NotesTitle, CitesTitle, ReadsTitle, None             string
	Tags, Insight, Phase, Note, Stance, When, Who, Action, What string
}

type subjectReadView struct{ At, User, Action, Object string }

// SubjectHTML renders the report as one printable page; the text is
// escaped by html/template.
func SubjectHTML(lang string, s Subject) ([]byte, error) {
	lang = normLang(lang)
	l := subjectLabels[lang]
	page := newPage(lang, "project", s.Project)
	page.Title = l["title"] + " – " + s.Participant
	page.Generated = format.Date(lang, s.MadeAt)
	reads := make([]subjectReadView, len(s.Reads))
	for i, r := range s.Reads {
		reads[i] = subjectReadView{At: r.At.Format("2006-01-02 15:04"), User: r.User, Action: r.Action, Object: r.Object}
	}
	v := struct {
		Page  pageView
		S     subjectWords
		Notes []SubjectNote
		Cites []SubjectCite
		Reads []subjectReadView
	}{page, subjectWords{Intro: fmt.Sprintf(l["intro"], s.Participant), NotesTitle: l["notes"], CitesTitle: l["cites"], ReadsTitle: l["reads"], None: l["none"],
		Tags: l["tags"], Insight: l["insight"], Phase: l["phase"], Note: l["note"], Stance: l["stance"], When: l["when"], Who: l["who"], Action: l["action"], What: l["what"]},
		s.Notes, s.Cites, reads}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "subject", v); err != nil {
		return nil, fmt.Errorf("report: subject: %w", err)
	}
	return b.Bytes(), nil
}
