package report

import (
	"io"
	"strconv"
	"time"

	"indsigt/internal/refiqda"
)

// encodeQDE writes the project in refiqda's types, which fix the
// schema's element order.
func encodeQDE(w io.Writer, p QDAProject) error {
	doc := refiqda.Project{Name: p.Name, Origin: p.Origin, CreationDateTime: qdeTime(p.CreatedAt)}
	if len(p.Users) > 0 {
		doc.Users = &refiqda.Users{}
		for _, u := range p.Users {
			doc.Users.User = append(doc.Users.User, refiqda.User(u))
		}
	}
	if len(p.Codes) > 0 {
		doc.CodeBook = &refiqda.CodeBook{Codes: refiqda.Codes{Code: qdeCodeTree(p.Codes)}}
	}
	if len(p.Sources) > 0 {
		doc.Sources = &refiqda.Sources{}
		for _, s := range p.Sources {
			doc.Sources.Source = append(doc.Sources.Source, qdeSource(s))
		}
	}
	addGroups(&doc, p)
	if len(p.Notes) > 0 {
		doc.Notes = &refiqda.Notes{}
		for _, n := range p.Notes {
			doc.Notes.Note = append(doc.Notes.Note, refiqda.TextSource{GUID: n.GUID, Name: n.Name,
				CreationDateTime: qdeTime(n.CreatedAt), PlainTextContent: &n.Text})
		}
	}
	return refiqda.Encode(w, doc)
}

// qdeTime is a dateTime attribute: RFC 3339 in UTC, empty for no time.
func qdeTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func addGroups(doc *refiqda.Project, p QDAProject) {
	if len(p.Cases) > 0 {
		doc.Cases = &refiqda.Cases{}
		for _, c := range p.Cases {
			doc.Cases.Case = append(doc.Cases.Case, refiqda.Case{GUID: c.GUID, Name: c.Name, SourceRefs: refiqda.Refs(c.SourceGUIDs)})
		}
	}
	if len(p.Sets) > 0 {
		doc.Sets = &refiqda.Sets{}
		for _, st := range p.Sets {
			doc.Sets.Set = append(doc.Sets.Set, refiqda.Set{GUID: st.GUID, Name: st.Name, Description: st.Description,
				Sources: refiqda.Refs(st.SourceGUIDs), Notes: refiqda.Refs(st.NoteGUIDs)})
		}
	}
}

func qdeCodeTree(codes []QDACode) []refiqda.Code {
	out := make([]refiqda.Code, 0, len(codes))
	for _, c := range codes {
		out = append(out, refiqda.Code{GUID: c.GUID, Name: c.Name, IsCodable: "true", Color: c.Color,
			Description: c.Description, NoteRefs: refiqda.Refs(c.NoteRefs), Codes: qdeCodeTree(c.Children)})
	}
	return out
}

func qdeSource(s QDASource) refiqda.TextSource {
	ts := refiqda.TextSource{GUID: s.GUID, Name: s.Name, PlainTextPath: "internal://" + s.GUID + ".txt", CreatingUser: s.CreatedBy, NoteRefs: refiqda.Refs(s.NoteRefs)}
	for _, sel := range s.Selections {
		x := refiqda.Selection{GUID: sel.GUID, Name: sel.Name, StartPosition: strconv.Itoa(sel.Start), EndPosition: strconv.Itoa(sel.End),
			CreatingUser: sel.CreatedBy, NoteRefs: refiqda.Refs(sel.NoteRefs)}
		for _, g := range uniq(sel.CodeGUIDs) {
			x.Codings = append(x.Codings, refiqda.Coding{GUID: GUIDFor("coding", sel.GUID+"/"+g), CreatingUser: sel.CreatedBy, CodeRef: refiqda.Ref{Target: g}})
		}
		ts.Selections = append(ts.Selections, x)
	}
	return ts
}

// uniq drops repeated code GUIDs: coding the same span twice with one code
// means nothing and would repeat the coding's GUID.
func uniq(gs []string) []string {
	seen := make(map[string]bool, len(gs))
	out := gs[:0:0]
	for _, g := range gs {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}
