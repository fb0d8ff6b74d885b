package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// The qde* types mirror the REFI-QDA Project schema (Project-mrt2019.xsd).
// Field order is element order, which the schema fixes.

type qdeProject struct {
	XMLName          xml.Name     `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string       `xml:"name,attr"`
	Origin           string       `xml:"origin,attr,omitempty"`
	CreationDateTime string       `xml:"creationDateTime,attr,omitempty"`
	Users            *qdeUsers    `xml:"Users,omitempty"`
	CodeBook         *qdeCodeBook `xml:"CodeBook,omitempty"`
	Cases            *qdeCases    `xml:"Cases,omitempty"`
	Sources          *qdeSources  `xml:"Sources,omitempty"`
	Notes            *qdeNotes    `xml:"Notes,omitempty"`
	Sets             *qdeSets     `xml:"Sets,omitempty"`
}

type qdeCases struct {
	Case []qdeCase `xml:"Case"`
}

type qdeCase struct {
	GUID      string       `xml:"guid,attr"`
	Name      string       `xml:"name,attr,omitempty"`
	SourceRef []qdeNoteRef `xml:"SourceRef"`
}

type qdeSets struct {
	Set []qdeSet `xml:"Set"`
}

type qdeSet struct {
	GUID         string       `xml:"guid,attr"`
	Name         string       `xml:"name,attr"`
	Description  string       `xml:"Description,omitempty"`
	MemberSource []qdeNoteRef `xml:"MemberSource"`
	MemberNote   []qdeNoteRef `xml:"MemberNote"`
}

type qdeNotes struct {
	Note []qdeNote `xml:"Note"`
}

// qdeNote is a TextSourceType with its text inline (PlainTextContent).
type qdeNote struct {
	GUID             string `xml:"guid,attr"`
	Name             string `xml:"name,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	PlainTextContent string `xml:"PlainTextContent"`
}

// qdeNoteRef is any reference by GUID (NoteRef, SourceRef, MemberSource
// …): the schema gives them one shape.
type qdeNoteRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

func noteRefs(gs []string) []qdeNoteRef {
	var out []qdeNoteRef
	for _, g := range gs {
		out = append(out, qdeNoteRef{TargetGUID: g})
	}
	return out
}

type qdeUsers struct {
	User []qdeUser `xml:"User"`
}

type qdeUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
}

type qdeCodeBook struct {
	Codes qdeCodes `xml:"Codes"`
}

type qdeCodes struct {
	Code []qdeCode `xml:"Code"`
}

type qdeCode struct {
	GUID        string       `xml:"guid,attr"`
	Name        string       `xml:"name,attr"`
	IsCodable   bool         `xml:"isCodable,attr"`
	Color       string       `xml:"color,attr,omitempty"`
	Description string       `xml:"Description,omitempty"`
	NoteRef     []qdeNoteRef `xml:"NoteRef"`
	Code        []qdeCode    `xml:"Code"`
}

type qdeSources struct {
	TextSource []qdeTextSource `xml:"TextSource"`
}

type qdeTextSource struct {
	GUID               string         `xml:"guid,attr"`
	Name               string         `xml:"name,attr,omitempty"`
	PlainTextPath      string         `xml:"plainTextPath,attr"`
	CreatingUser       string         `xml:"creatingUser,attr,omitempty"`
	PlainTextSelection []qdeSelection `xml:"PlainTextSelection"`
	NoteRef            []qdeNoteRef   `xml:"NoteRef"`
}

type qdeSelection struct {
	GUID          string       `xml:"guid,attr"`
	Name          string       `xml:"name,attr,omitempty"`
	StartPosition int          `xml:"startPosition,attr"`
	EndPosition   int          `xml:"endPosition,attr"`
	CreatingUser  string       `xml:"creatingUser,attr,omitempty"`
	Coding        []qdeCoding  `xml:"Coding"`
	NoteRef       []qdeNoteRef `xml:"NoteRef"`
}

type qdeCoding struct {
	GUID         string     `xml:"guid,attr"`
	CreatingUser string     `xml:"creatingUser,attr,omitempty"`
	CodeRef      qdeCodeRef `xml:"CodeRef"`
}

type qdeCodeRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

func encodeQDE(w io.Writer, p QDAProject) error {
	doc := qdeProject{Name: p.Name, Origin: p.Origin}
	if !p.CreatedAt.IsZero() {
		doc.CreationDateTime = p.CreatedAt.UTC().Format(time.RFC3339)
	}
	if len(p.Users) > 0 {
		doc.Users = &qdeUsers{}
		for _, u := range p.Users {
			doc.Users.User = append(doc.Users.User, qdeUser(u))
		}
	}
	if len(p.Codes) > 0 {
		doc.CodeBook = &qdeCodeBook{Codes: qdeCodes{Code: qdeCodeTree(p.Codes)}}
	}
	if len(p.Sources) > 0 {
		doc.Sources = &qdeSources{}
		for _, s := range p.Sources {
			doc.Sources.TextSource = append(doc.Sources.TextSource, qdeSource(s))
		}
	}
	addGroups(&doc, p)
	if len(p.Notes) > 0 {
		doc.Notes = &qdeNotes{}
		for _, n := range p.Notes {
			x := qdeNote{GUID: n.GUID, Name: n.Name, PlainTextContent: n.Text}
			if !n.CreatedAt.IsZero() {
				x.CreationDateTime = n.CreatedAt.UTC().Format(time.RFC3339)
			}
			doc.Notes.Note = append(doc.Notes.Note, x)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode project.qde: %w", err)
	}
	return enc.Close()
}

func addGroups(doc *qdeProject, p QDAProject) {
	if len(p.Cases) > 0 {
		doc.Cases = &qdeCases{}
		for _, c := range p.Cases {
			doc.Cases.Case = append(doc.Cases.Case, qdeCase{GUID: c.GUID, Name: c.Name, SourceRef: noteRefs(c.SourceGUIDs)})
		}
	}
	if len(p.Sets) > 0 {
		doc.Sets = &qdeSets{}
		for _, st := range p.Sets {
			doc.Sets.Set = append(doc.Sets.Set, qdeSet{GUID: st.GUID, Name: st.Name, Description: st.Description,
				MemberSource: noteRefs(st.SourceGUIDs), MemberNote: noteRefs(st.NoteGUIDs)})
		}
	}
}

func qdeCodeTree(codes []QDACode) []qdeCode {
	out := make([]qdeCode, 0, len(codes))
	for _, c := range codes {
		out = append(out, qdeCode{GUID: c.GUID, Name: c.Name, IsCodable: true, Color: c.Color,
			Description: c.Description, NoteRef: noteRefs(c.NoteRefs), Code: qdeCodeTree(c.Children)})
	}
	return out
}

func qdeSource(s QDASource) qdeTextSource {
	ts := qdeTextSource{GUID: s.GUID, Name: s.Name, PlainTextPath: "internal://" + s.GUID + ".txt", CreatingUser: s.CreatedBy, NoteRef: noteRefs(s.NoteRefs)}
	for _, sel := range s.Selections {
		x := qdeSelection{GUID: sel.GUID, Name: sel.Name, StartPosition: sel.Start, EndPosition: sel.End, CreatingUser: sel.CreatedBy, NoteRef: noteRefs(sel.NoteRefs)}
		for _, g := range uniq(sel.CodeGUIDs) {
			x.Coding = append(x.Coding, qdeCoding{GUID: GUIDFor("coding", sel.GUID+"/"+g), CreatingUser: sel.CreatedBy, CodeRef: qdeCodeRef{TargetGUID: g}})
		}
		ts.PlainTextSelection = append(ts.PlainTextSelection, x)
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
