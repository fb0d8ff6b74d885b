package refiqda

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"testing"
)

// TestRoundTrip: what Encode writes decodes into the same project, sources
// of every kind in their order, inline text kept apart from no text.
func TestRoundTrip(t *testing.T) {
	empty, text := "", "Æblet faldt."
	in := Project{Name: "Plejehjem", Origin: "indsigt", CreationDateTime: "2026-11-23T09:30:00Z",
		CodeBook: &CodeBook{Codes: Codes{Code: []Code{{GUID: "c1", Name: "Mad", IsCodable: "true", Codes: []Code{{GUID: "c2", Name: "Frygt", IsCodable: "false"}}}}}},
		Sources: &Sources{Source: []TextSource{
			{GUID: "s1", Name: "Nattevagt", PlainTextPath: "internal://s1.txt", Selections: []Selection{{GUID: "x", StartPosition: "2", EndPosition: "5",
				Codings: []Coding{{GUID: "k", CodeRef: Ref{Target: "c1"}}}, NoteRefs: Refs([]string{"n1"})}}},
			{Kind: "PDFSource", GUID: "s2", Name: "Rapport"},
			{GUID: "s3", PlainTextContent: &empty},
		}},
		Notes: &Notes{Note: []TextSource{{GUID: "n1", PlainTextContent: &text}}},
		Sets:  &Sets{Set: []Set{{GUID: "t1", Name: "Indsigt", Sources: Refs([]string{"s1"})}}},
	}
	var buf bytes.Buffer
	if err := Encode(&buf, in); err != nil {
		t.Fatal(err)
	}
	var out Project
	if err := xml.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.XMLName != (xml.Name{Space: Namespace, Local: "Project"}) {
		t.Errorf("root %v", out.XMLName)
	}
	out.XMLName = xml.Name{}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("decoded\n%+v\nwant\n%+v\nfrom %s", out, in, buf.Bytes())
	}
}
