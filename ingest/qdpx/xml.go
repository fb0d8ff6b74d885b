package qdpx

import (
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The x* types decode QDA-XML leniently: only what indsigt imports, in
// any order. (The writer in package report is strict and has its own.)

type xProject struct {
	XMLName  xml.Name `xml:"Project"`
	Name     string   `xml:"name,attr"`
	Origin   string   `xml:"origin,attr"`
	Codes    []xCode  `xml:"CodeBook>Codes>Code"`
	Cases    []xCase  `xml:"Cases>Case"`
	Sources  xSources `xml:"Sources"`
	Notes    []xText  `xml:"Notes>Note"`
	Sets     []xSet   `xml:"Sets>Set"`
	NoteRefs []xRef   `xml:"NoteRef"`
}

type xRef struct {
	Target string `xml:"targetGUID,attr"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   string  `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr"`
	Description string  `xml:"Description"`
	NoteRefs    []xRef  `xml:"NoteRef"`
	Codes       []xCode `xml:"Code"`
}

type xCase struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	Description   string `xml:"Description"`
	CodeRefs      []xRef `xml:"CodeRef"`
	SourceRefs    []xRef `xml:"SourceRef"`
	SelectionRefs []xRef `xml:"SelectionRef"`
}

type xSet struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Description string `xml:"Description"`
	Codes       []xRef `xml:"MemberCode"`
	Sources     []xRef `xml:"MemberSource"`
	Notes       []xRef `xml:"MemberNote"`
}

// xSources keeps the sources in file order whatever their kind.
type xSources struct {
	all []xSource
}

func (s *xSources) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var x xText
			if err := d.DecodeElement(&x, &t); err != nil {
				return err
			}
			s.all = append(s.all, xSource{kind: sourceKinds[t.Name.Local], xText: x})
		case xml.EndElement:
			return nil
		}
	}
}

var sourceKinds = map[string]string{"TextSource": "text", "PDFSource": "pdf", "PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}

type xSource struct {
	kind string
	xText
}

// xText is a TextSourceType (a text source or a Note) and what other
// kinds of source share with it.
type xText struct {
	GUID          string       `xml:"guid,attr"`
	Name          string       `xml:"name,attr"`
	PlainTextPath string       `xml:"plainTextPath,attr"`
	Content       *string      `xml:"PlainTextContent"`
	Selections    []xSelection `xml:"PlainTextSelection"`
	Codings       []xCoding    `xml:"Coding"`
	NoteRefs      []xRef       `xml:"NoteRef"`
}

type xSelection struct {
	GUID     string    `xml:"guid,attr"`
	Name     string    `xml:"name,attr"`
	Start    string    `xml:"startPosition,attr"`
	End      string    `xml:"endPosition,attr"`
	Codings  []xCoding `xml:"Coding"`
	NoteRefs []xRef    `xml:"NoteRef"`
}

type xCoding struct {
	CodeRef xRef `xml:"CodeRef"`
}

// GUID is the form GUIDs are compared in: lower case, without braces.
func GUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}

func refs(rs []xRef) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, GUID(r.Target))
	}
	return out
}

func codingRefs(cs []xCoding) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, GUID(c.CodeRef.Target))
	}
	return out
}

func (r *reader) project(doc xProject) (*Project, error) {
	p := &Project{Name: doc.Name, Origin: doc.Origin, Codes: codes(doc.Codes), NoteRefs: refs(doc.NoteRefs)}
	for _, x := range doc.Sources.all {
		s, err := r.source(x)
		if err != nil {
			return nil, err
		}
		p.Sources = append(p.Sources, s)
	}
	for _, n := range doc.Notes {
		note := Note{GUID: GUID(n.GUID), Name: n.Name}
		if n.Content != nil {
			note.Text = *n.Content
		} else if n.PlainTextPath != "" {
			t, _, err := r.text(n.PlainTextPath)
			if err != nil {
				return nil, err
			}
			note.Text = t
		}
		p.Notes = append(p.Notes, note)
	}
	for _, c := range doc.Cases {
		p.Cases = append(p.Cases, Case{GUID: GUID(c.GUID), Name: c.Name, Description: c.Description,
			CodeRefs: refs(c.CodeRefs), SourceRefs: refs(c.SourceRefs), SelectionRefs: refs(c.SelectionRefs)})
	}
	for _, s := range doc.Sets {
		p.Sets = append(p.Sets, Set{GUID: GUID(s.GUID), Name: s.Name, Description: s.Description,
			CodeRefs: refs(s.Codes), SourceRefs: refs(s.Sources), NoteRefs: refs(s.Notes)})
	}
	return p, nil
}

func codes(xs []xCode) []Code {
	out := make([]Code, 0, len(xs))
	for _, x := range xs {
		out = append(out, Code{GUID: GUID(x.GUID), Name: x.Name, Description: x.Description, Color: x.Color,
			Codable: x.IsCodable != "false" && x.IsCodable != "0", NoteRefs: refs(x.NoteRefs), Children: codes(x.Codes)})
	}
	return out
}

func (r *reader) source(x xSource) (Source, error) {
	s := Source{GUID: GUID(x.GUID), Name: x.Name, Kind: x.kind, CodeRefs: codingRefs(x.Codings), NoteRefs: refs(x.NoteRefs)}
	if s.Kind != "text" {
		s.Unsupported = NotText
		return s, nil
	}
	switch {
	case x.Content != nil:
		s.Text = *x.Content
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
		if _, err := fmt.Sscan(sel.Start+" "+sel.End, &start, &end); err != nil {
			return s, fmt.Errorf("%w: selection %s of source %q has positions %q–%q", ErrBadProject, sel.GUID, s.Name, sel.Start, sel.End)
		}
		s.Selections = append(s.Selections, Selection{GUID: GUID(sel.GUID), Name: sel.Name, Start: start, End: end,
			CodeRefs: codingRefs(sel.Codings), NoteRefs: refs(sel.NoteRefs)})
	}
	return s, nil
}
