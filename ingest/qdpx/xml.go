package qdpx

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"indsigt/internal/refiqda"
)

// The project is decoded into refiqda's types (leniently: only what
// indsigt imports, in any order) and turned into the typed structs here.

// GUID is the form GUIDs are compared in: lower case, without braces.
func GUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}

func refs(rs []refiqda.Ref) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, GUID(r.Target))
	}
	return out
}

func codingRefs(cs []refiqda.Coding) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, GUID(c.CodeRef.Target))
	}
	return out
}

func (r *reader) project(doc refiqda.Project) (*Project, error) {
	p := &Project{Name: doc.Name, Origin: doc.Origin, NoteRefs: refs(doc.NoteRefs)}
	if doc.CodeBook != nil {
		p.Codes = codes(doc.CodeBook.Codes.Code)
	}
	if doc.Sources != nil {
		for _, x := range doc.Sources.Source {
			s, err := r.source(x)
			if err != nil {
				return nil, err
			}
			p.Sources = append(p.Sources, s)
		}
	}
	if doc.Notes != nil {
		for _, n := range doc.Notes.Note {
			note, err := r.note(n)
			if err != nil {
				return nil, err
			}
			p.Notes = append(p.Notes, note)
		}
	}
	if doc.Cases != nil {
		for _, c := range doc.Cases.Case {
			p.Cases = append(p.Cases, Case{GUID: GUID(c.GUID), Name: c.Name, Description: c.Description,
				CodeRefs: refs(c.CodeRefs), SourceRefs: refs(c.SourceRefs), SelectionRefs: refs(c.SelectionRefs)})
		}
	}
	if doc.Sets != nil {
		for _, s := range doc.Sets.Set {
			p.Sets = append(p.Sets, Set{GUID: GUID(s.GUID), Name: s.Name, Description: s.Description,
				CodeRefs: refs(s.Codes), SourceRefs: refs(s.Sources), NoteRefs: refs(s.Notes)})
		}
	}
	return p, nil
}

func (r *reader) note(n refiqda.TextSource) (Note, error) {
	note := Note{GUID: GUID(n.GUID), Name: n.Name}
	if n.PlainTextContent != nil {
		note.Text = *n.PlainTextContent
	} else if n.PlainTextPath != "" {
		t, _, err := r.text(n.PlainTextPath)
		if err != nil {
			return note, err
		}
		note.Text = t
	}
	return note, nil
}

func codes(xs []refiqda.Code) []Code {
	out := make([]Code, 0, len(xs))
	for _, x := range xs {
		out = append(out, Code{GUID: GUID(x.GUID), Name: x.Name, Description: x.Description, Color: x.Color,
			Codable: x.IsCodable != "false" && x.IsCodable != "0", NoteRefs: refs(x.NoteRefs), Children: codes(x.Codes)})
	}
	return out
}

// sourceKinds names a source's kind by its element.
var sourceKinds = map[string]string{"": "text", "PDFSource": "pdf", "PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}

func (r *reader) source(x refiqda.TextSource) (Source, error) {
	s := Source{GUID: GUID(x.GUID), Name: x.Name, Kind: sourceKinds[x.Kind], CodeRefs: codingRefs(x.Codings), NoteRefs: refs(x.NoteRefs)}
	if s.Kind != "text" {
		s.Unsupported = NotText
		return s, nil
	}
	switch {
	case x.PlainTextContent != nil:
		s.Text = *x.PlainTextContent
	default:
		t, why, err := r.text(x.PlainTextPath)
		if err != nil {
			return s, err
		}
		s.Text, s.Unsupported = t, why
	}
	if !utf8.ValidString(s.Text) {
		s.Text, s.Unsupported = "", NotUTF8
	}
	for _, sel := range x.Selections {
		var start, end int
		if _, err := fmt.Sscan(sel.StartPosition+" "+sel.EndPosition, &start, &end); err != nil {
			return s, fmt.Errorf("%w: selection %s of source %q has positions %q–%q", ErrBadProject, sel.GUID, s.Name, sel.StartPosition, sel.EndPosition)
		}
		s.Selections = append(s.Selections, Selection{GUID: GUID(sel.GUID), Name: sel.Name, Start: start, End: end,
			CodeRefs: codingRefs(sel.Codings), NoteRefs: refs(sel.NoteRefs)})
	}
	return s, nil
}
