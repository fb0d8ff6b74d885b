package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"indsigt/model"
)

// SubjectReport is everything the project holds about one participant
// (GDPR art. 15, the data subject's right of access): their notes with
// tags and highlights, the insights citing them, and who read their notes
// when. The participant is named by their code; the operator who answers
// the request knows who it is from the key table.
type SubjectReport struct {
	Project     string           `json:"project"`
	Participant string           `json:"participant"`
	MadeAt      time.Time        `json:"made_at"`
	Notes       []model.Note     `json:"notes"`
	Citations   []SubjectCite    `json:"citations"`
	Reads       []SubjectReading `json:"reads"`

	// Highlights are the coded spans of the notes, with their tags.
	Highlights []model.Highlight `json:"highlights"`
}

// SubjectCite is an insight that cites one of the participant's notes.
type SubjectCite struct {
	InsightID string `json:"insight_id"`
	Title     string `json:"title"`
	Phase     string `json:"phase"`
	NoteID    string `json:"note_id"`
	Stance    string `json:"stance"`
}

// SubjectReading is one read of the participant's notes or sources.
type SubjectReading struct {
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Email  string    `json:"email"`
	Action string    `json:"action"`
	Object string    `json:"object"`
}

// SubjectAccess assembles a participant's report for the project's owners
// and admins, and audits that it was made.
func (a *App) SubjectAccess(ctx context.Context, s Scope, code string) (SubjectReport, error) {
	if err := s.require(model.PermManage); err != nil {
		return SubjectReport{}, err
	}
	code = strings.Trim(strings.TrimSpace(code), "[]")
	if code == "" {
		return SubjectReport{}, model.Invalid("participant", model.RuleRequired, "participant code is required")
	}
	ids, err := a.Store.ParticipantNotes(ctx, s.Project.ID, code)
	if err != nil {
		return SubjectReport{}, err
	}
	if len(ids) == 0 {
		return SubjectReport{}, model.Invalid("participant", model.RuleUnknown, "no notes of participant %s in this project", code)
	}
	r := SubjectReport{Project: s.Project.Slug, Participant: code, MadeAt: a.Now(), Notes: []model.Note{}, Citations: []SubjectCite{}, Reads: []SubjectReading{}}
	if r.Notes, err = a.Store.NotesByID(ctx, s.Project.ID, ids); err != nil {
		return r, err
	}
	if r.Highlights, err = a.notesHighlights(ctx, s, ids); err != nil {
		return r, err
	}
	cites, err := a.Store.Citations(ctx, s.Project.ID, ids)
	if err != nil {
		return r, err
	}
	for _, c := range cites {
		r.Citations = append(r.Citations, SubjectCite{InsightID: strconv.FormatInt(c.InsightID, 10), Title: c.Title, Phase: c.Phase,
			NoteID: strconv.FormatInt(c.NoteID, 10), Stance: c.Stance})
	}
	reads, err := a.Store.ReadsOf(ctx, s.Project.ID, ids)
	if err != nil {
		return r, err
	}
	for _, rd := range reads {
		r.Reads = append(r.Reads, SubjectReading(rd))
	}
	return r, a.auditRead(ctx, s, "subject.access", "participant:"+code, "")
}
