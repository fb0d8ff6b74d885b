package qdpx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"indsigt/internal/corpora"
)

func TestReadAtlasProject(t *testing.T) {
	data := corpora.Read(t, "refi-qda", "target-atlas-project.qdpx")
	p, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// xmllint --xpath on project.qde: 3 codes, 2 of them under "Commits",
	// no colours, sources, selections or notes.
	if len(p.Codes) != 1 || p.Codes[0].Name != "Commits" || len(p.Codes[0].Children) != 2 || len(p.Sources) != 0 || len(p.Notes) != 0 {
		t.Errorf("project = %+v", p)
	}
	if g := p.Codes[0].GUID; g != "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6" {
		t.Errorf("GUID %q not normalized", g)
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const textProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
 <Sources>
  <PDFSource guid="{11111111-1111-1111-1111-111111111111}" name="scan.pdf"/>
  <TextSource guid="22222222-2222-2222-2222-222222222222" name="a" plainTextPath="internal://a.txt">
   <PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="2" endPosition="5"><Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="55555555-5555-5555-5555-555555555555"/></Coding></PlainTextSelection>
  </TextSource>
  <TextSource guid="66666666-6666-6666-6666-666666666666" name="b" plainTextPath="relative://b.txt"/>
 </Sources>
</Project>`

func TestReadSources(t *testing.T) {
	p, err := Read(zipOf(t, map[string]string{"project.qde": textProject, "sources/a.txt": "\uFEFFhej med dig"}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sources) != 3 {
		t.Fatalf("%d sources", len(p.Sources))
	}
	pdf, a, b := p.Sources[0], p.Sources[1], p.Sources[2]
	if pdf.Kind != "pdf" || pdf.Unsupported != NotText || pdf.GUID != "11111111-1111-1111-1111-111111111111" {
		t.Errorf("pdf = %+v", pdf)
	}
	if a.Text != "hej med dig" || len(a.Selections) != 1 || a.Selections[0].Start != 2 || a.Selections[0].CodeRefs[0] != "55555555-5555-5555-5555-555555555555" {
		t.Errorf("text source = %+v", a)
	}
	if b.Unsupported != ExternalText {
		t.Errorf("relative source = %+v", b)
	}
}

func TestReadRefuses(t *testing.T) {
	deep := `<Project xmlns="urn:QDA-XML:project:1.0">` + strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300) + `</Project>`
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"not a zip", []byte("hello, not a zip"), Limits{}, ErrNotZip},
		{"no project.qde", zipOf(t, map[string]string{"other.xml": "<x/>"}), Limits{}, ErrNoProject},
		{"not REFI-QDA", zipOf(t, map[string]string{"project.qde": `<html><body/></html>`}), Limits{}, ErrNotQDA},
		{"not XML", zipOf(t, map[string]string{"project.qde": `<Project xmlns="urn:QDA-XML:project:1.0"><Sources>`}), Limits{}, ErrBadProject},
		{"too deep", zipOf(t, map[string]string{"project.qde": deep}), Limits{}, ErrTooLarge},
		{"bomb", zipOf(t, map[string]string{"project.qde": textProject + strings.Repeat(" ", 1<<20)}), Limits{MaxUncompressed: 64 << 10}, ErrTooLarge},
		{"too many entries", zipOf(t, map[string]string{"project.qde": textProject, "a": "", "b": "", "c": ""}), Limits{MaxEntries: 2}, ErrTooLarge},
		{"too big", zipOf(t, map[string]string{"project.qde": textProject}), Limits{MaxFileBytes: 10}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(tt.data, tt.lim); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	text := "  Første afsnit\nmed to linjer  \n\n\n Æblet faldt.\n"
	ps := Paragraphs(text, 0)
	if len(ps) != 2 {
		t.Fatalf("%+v", ps)
	}
	runes := []rune(text)
	for _, p := range ps {
		if string(runes[p.Start:p.End]) != p.Text {
			t.Errorf("paragraph %+v is not runes %d:%d (%q)", p, p.Start, p.End, string(runes[p.Start:p.End]))
		}
	}
	long := strings.Repeat("ord ", 20)
	for _, p := range Paragraphs(long, 10) {
		if len(p.Text) > 10 || string([]rune(long)[p.Start:p.End]) != p.Text {
			t.Errorf("piece %+v", p)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(textProject))
	f.Fuzz(func(t *testing.T, qde []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("project.qde")
		w.Write(qde)
		zw.Close()
		Read(buf.Bytes(), Limits{}) // must not panic
	})
}

func FuzzParagraphs(f *testing.F) {
	f.Add("  Første afsnit\nmed to linjer  \n\n\n Æblet faldt.\n", 12)
	f.Fuzz(func(t *testing.T, text string, max int) {
		if !utf8.ValidString(text) || max < 0 || max > 1<<16 {
			return
		}
		runes := []rune(text)
		for _, p := range Paragraphs(text, max) {
			if p.Text == "" || p.Start < 0 || p.End > len(runes) || string(runes[p.Start:p.End]) != p.Text {
				t.Fatalf("paragraph %+v is not runes %d:%d of %q", p, p.Start, p.End, text)
			}
		}
	})
}
