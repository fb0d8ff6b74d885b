package app

import (
	"context"
	"strconv"
	"strings"

	"indsigt/report"
)

// SubjectExport is SubjectAccess as one printable HTML page, in lang,
// for the API's and the web app's download (audited as SubjectAccess is).
func (a *App) SubjectExport(ctx context.Context, s Scope, code, lang string) (Export, error) {
	r, err := a.SubjectAccess(ctx, s, code)
	if err != nil {
		return Export{}, err
	}
	in := report.Subject{Project: s.Project.Name, Participant: r.Participant, MadeAt: r.MadeAt}
	for _, n := range r.Notes {
		in.Notes = append(in.Notes, report.SubjectNote{Source: "#" + strconv.FormatInt(n.SourceID, 10), Speaker: n.Speaker, Text: n.Text, Tags: strings.Join(n.Tags, ", ")})
	}
	for _, c := range r.Citations {
		in.Cites = append(in.Cites, report.SubjectCite{Title: c.Title, Phase: c.Phase, NoteID: c.NoteID, Stance: c.Stance})
	}
	for _, rd := range r.Reads {
		in.Reads = append(in.Reads, report.SubjectRead{At: rd.At, User: rd.User, Action: rd.Action, Object: rd.Object})
	}
	body, err := report.SubjectHTML(lang, in)
	if err != nil {
		return Export{}, err
	}
	return Export{Name: "subject.html", Filename: s.Project.Slug + "-" + r.MadeAt.Format("2006-01-02") + "-" + r.Participant + ".html",
		ContentType: "text/html; charset=utf-8", Printable: true, StyleHash: report.StyleHash(), Body: body}, nil
}
