// Package refiqda holds the REFI-QDA Project schema (Project-mrt2019.xsd,
// QDA-XML 1.0) as Go types: the one description of project.qde that the
// import (ingest/qdpx) decodes and the export (report) encodes.
//
// Decisions worth knowing:
//   - Field order is element order, which the schema fixes, so Encode
//     writes a valid document; decoding takes elements in any order.
//   - Only what indsigt reads or writes is declared (no variables, links
//     or graphs); decoding skips the rest.
//   - Values that the import reads leniently stay strings (isCodable,
//     the selections' positions), so that the reader, not the decoder,
//     says what is wrong with them.
//   - Sources keep their file order whatever their kind; Kind names the
//     element ("TextSource", "PDFSource" …), empty for a TextSource.
package refiqda

import (
	"encoding/xml"
	"fmt"
	"io"
)

// Namespace is QDA-XML's namespace.
const Namespace = "urn:QDA-XML:project:1.0"

// Project is the root element. Encode writes it in Namespace; a decoded
// one keeps the namespace it was given in XMLName, for the reader to check.
type Project struct {
	XMLName          xml.Name  `xml:"Project"`
	Name             string    `xml:"name,attr"`
	Origin           string    `xml:"origin,attr,omitempty"`
	CreationDateTime string    `xml:"creationDateTime,attr,omitempty"`
	Users            *Users    `xml:"Users,omitempty"`
	CodeBook         *CodeBook `xml:"CodeBook,omitempty"`
	Cases            *Cases    `xml:"Cases,omitempty"`
	Sources          *Sources  `xml:"Sources,omitempty"`
	Notes            *Notes    `xml:"Notes,omitempty"`
	Sets             *Sets     `xml:"Sets,omitempty"`
	NoteRefs         []Ref     `xml:"NoteRef"` // memos on the whole project
}

// Ref is any reference by GUID (NoteRef, CodeRef, SourceRef, MemberNote
// …): the schema gives them one shape.
type Ref struct {
	Target string `xml:"targetGUID,attr"`
}

// Refs makes a reference to each GUID.
func Refs(guids []string) []Ref {
	var out []Ref
	for _, g := range guids {
		out = append(out, Ref{Target: g})
	}
	return out
}

type Users struct {
	User []User `xml:"User"`
}

type User struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
}

type CodeBook struct {
	Codes Codes `xml:"Codes"`
}

type Codes struct {
	Code []Code `xml:"Code"`
}

// Code is a code of the codebook; IsCodable is "true" or "false" (a
// reader also meets "1" and "0", or nothing).
type Code struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	IsCodable   string `xml:"isCodable,attr"`
	Color       string `xml:"color,attr,omitempty"`
	Description string `xml:"Description,omitempty"`
	NoteRefs    []Ref  `xml:"NoteRef"`
	Codes       []Code `xml:"Code"`
}

type Cases struct {
	Case []Case `xml:"Case"`
}

// Case is a unit of analysis, usually a person.
type Case struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr,omitempty"`
	Description   string `xml:"Description,omitempty"`
	CodeRefs      []Ref  `xml:"CodeRef"`
	SourceRefs    []Ref  `xml:"SourceRef"`
	SelectionRefs []Ref  `xml:"SelectionRef"`
}

type Sets struct {
	Set []Set `xml:"Set"`
}

// Set groups codes, sources and notes.
type Set struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Description string `xml:"Description,omitempty"`
	Codes       []Ref  `xml:"MemberCode"`
	Sources     []Ref  `xml:"MemberSource"`
	Notes       []Ref  `xml:"MemberNote"`
}

type Notes struct {
	Note []TextSource `xml:"Note"`
}

// Sources are the project's sources in file order, of any kind.
type Sources struct {
	Source []TextSource
}

// TextSource is a TextSourceType: a text source or a Note (a memo), and
// what the other kinds of source share with it. Its text is inline
// (PlainTextContent, nil when absent) or in the zip (PlainTextPath).
type TextSource struct {
	Kind             string      `xml:"-"` // the element of a source: "" is TextSource
	GUID             string      `xml:"guid,attr"`
	Name             string      `xml:"name,attr,omitempty"`
	PlainTextPath    string      `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string      `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	PlainTextContent *string     `xml:"PlainTextContent"`
	Selections       []Selection `xml:"PlainTextSelection"`
	Codings          []Coding    `xml:"Coding"`
	NoteRefs         []Ref       `xml:"NoteRef"`
}

// Selection is a PlainTextSelection: a span in code points, end exclusive.
type Selection struct {
	GUID          string   `xml:"guid,attr"`
	Name          string   `xml:"name,attr,omitempty"`
	StartPosition string   `xml:"startPosition,attr"`
	EndPosition   string   `xml:"endPosition,attr"`
	CreatingUser  string   `xml:"creatingUser,attr,omitempty"`
	Codings       []Coding `xml:"Coding"`
	NoteRefs      []Ref    `xml:"NoteRef"`
}

// Coding applies a code to a source or a selection.
type Coding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr,omitempty"`
	CodeRef      Ref    `xml:"CodeRef"`
}

const textSource = "TextSource"

// MarshalXML writes each source as the element its Kind names.
func (s Sources) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, src := range s.Source {
		kind := src.Kind
		if kind == "" {
			kind = textSource
		}
		if err := e.EncodeElement(src, xml.StartElement{Name: xml.Name{Local: kind}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// UnmarshalXML reads the sources of every kind in file order.
func (s *Sources) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var src TextSource
			if err := d.DecodeElement(&src, &t); err != nil {
				return err
			}
			if src.Kind = t.Name.Local; src.Kind == textSource {
				src.Kind = ""
			}
			s.Source = append(s.Source, src)
		case xml.EndElement:
			return nil
		}
	}
}

// Encode writes project.qde: the XML header and the project in Namespace,
// indented.
func Encode(w io.Writer, p Project) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.EncodeElement(p, xml.StartElement{Name: xml.Name{Space: Namespace, Local: "Project"}}); err != nil {
		return fmt.Errorf("encode project.qde: %w", err)
	}
	return enc.Close()
}
