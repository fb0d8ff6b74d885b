package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"indsigt/internal/refiqda"
	"indsigt/internal/xmllint"
)

func qdaFixture(t *testing.T) (QDAProject, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "interview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	phrase := "jeg forstod ikke brevet fra kommunen"
	i := strings.Index(text, phrase)
	if i < 0 {
		t.Fatal("fixture lacks phrase")
	}
	start, end := RuneRange(text, i, i+len(phrase))
	user := GUIDFor("user", "7")
	fag, borger := GUIDFor("code", "fagsprog"), GUIDFor("code", "borgerland")
	return QDAProject{
		Name: "Bedre møder – Kolding Kommune", Origin: "indsigt", CreatedAt: genAt,
		Users: []QDAUser{{GUID: user, Name: "Åse Sørensen"}},
		Codes: []QDACode{
			{GUID: GUIDFor("code", "leveregler"), Name: "Leveregler", Description: "De fem leveregler", Color: "#0B5394",
				Children: []QDACode{
					{GUID: fag, Name: "Fagsprog & \"jargon\"", Description: "Når <fagland> taler"},
					{GUID: borger, Name: "Borgerland", Color: "#1b7f3b"},
				}},
		},
		Sources: []QDASource{{
			GUID: GUIDFor("source", "42"), Name: "Interview på rådhuset", Text: text, CreatedBy: user,
			Selections: []QDASelection{{GUID: GUIDFor("selection", "n1"), Start: start, End: end, Name: "B1 om brevet",
				CodeGUIDs: []string{fag, borger, fag}, CreatedBy: user}},
		}},
	}, phrase
}

func unzipQDPX(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}

// exportQDPX writes p as a .qdpx: its entries, and its project.qde
// decoded.
func exportQDPX(t *testing.T, p QDAProject) (map[string][]byte, refiqda.Project) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteQDPX(&buf, p); err != nil {
		t.Fatal(err)
	}
	files := unzipQDPX(t, buf.Bytes())
	var doc refiqda.Project
	if err := xml.Unmarshal(files["project.qde"], &doc); err != nil {
		t.Fatal(err)
	}
	return files, doc
}

func TestWriteQDPX(t *testing.T) {
	p, phrase := qdaFixture(t)
	files, doc := exportQDPX(t, p)
	src := p.Sources[0]
	txt, ok := files["sources/"+src.GUID+".txt"]
	if !ok || len(files) != 2 {
		t.Fatalf("zip entries: %v", keys(files))
	}
	if string(txt) != src.Text {
		t.Error("source text changed in the zip")
	}
	// Offsets count runes: æ, ø and å before the selection make byte and rune
	// offsets differ, and only rune slicing gives the phrase back.
	sel := src.Selections[0]
	if runes := []rune(string(txt)); string(runes[sel.Start:sel.End]) != phrase {
		t.Errorf("rune slice %d:%d = %q", sel.Start, sel.End, string(runes[sel.Start:sel.End]))
	}
	if b := strings.Index(src.Text, phrase); b == sel.Start {
		t.Fatal("fixture does not exercise multi-byte characters before the selection")
	}

	if doc.Name != p.Name || doc.CreationDateTime != "2026-11-23T09:30:00Z" || doc.Users.User[0].Name != "Åse Sørensen" {
		t.Errorf("project = %+v", doc)
	}
	codes := doc.CodeBook.Codes.Code
	if len(codes) != 1 || len(codes[0].Codes) != 2 || codes[0].Codes[0].Name != `Fagsprog & "jargon"` || codes[0].Codes[0].Description != "Når <fagland> taler" {
		t.Errorf("codebook = %+v", codes)
	}
	ts := doc.Sources.Source[0]
	if ts.PlainTextPath != "internal://"+src.GUID+".txt" || ts.Selections[0].StartPosition != strconv.Itoa(sel.Start) {
		t.Errorf("text source = %+v", ts)
	}
	if n := len(ts.Selections[0].Codings); n != 2 {
		t.Errorf("%d codings, want 2 (duplicate code dropped)", n)
	}
	validateWithXmllint(t, files["project.qde"])
}

// validateWithXmllint checks project.qde against the REFI-QDA schema.
func validateWithXmllint(t *testing.T, qde []byte) {
	t.Helper()
	xmllint.ValidateQDE(t, qde)
}

func TestWriteQDPXMinimalIsValid(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteQDPX(&buf, QDAProject{Name: "Tomt projekt"}); err != nil {
		t.Fatal(err)
	}
	files := unzipQDPX(t, buf.Bytes())
	validateWithXmllint(t, files["project.qde"])
}

func TestWriteQDPXIsStable(t *testing.T) {
	p, _ := qdaFixture(t)
	var a, b bytes.Buffer
	if err := WriteQDPX(&a, p); err != nil {
		t.Fatal(err)
	}
	if err := WriteQDPX(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same project differ")
	}
}

func TestWriteQDPXRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*QDAProject)
		want   string
	}{
		{"no name", func(p *QDAProject) { p.Name = "" }, "name is empty"},
		{"bad guid", func(p *QDAProject) { p.Sources[0].GUID = "42" }, "not a UUID"},
		{"duplicate guid", func(p *QDAProject) { p.Sources[0].GUID = p.Users[0].GUID }, "reuses GUID"},
		{"unknown code", func(p *QDAProject) { p.Sources[0].Selections[0].CodeGUIDs = []string{GUIDFor("code", "x")} }, "unknown code"},
		{"unknown user", func(p *QDAProject) { p.Sources[0].CreatedBy = GUIDFor("user", "x") }, "unknown user"},
		{"past the end", func(p *QDAProject) { p.Sources[0].Selections[0].End = utf8.RuneCountInString(p.Sources[0].Text) + 1 }, "outside"},
		{"reversed", func(p *QDAProject) { s := &p.Sources[0].Selections[0]; s.Start, s.End = s.End, s.Start }, "outside"},
		{"bad colour", func(p *QDAProject) { p.Codes[0].Color = "red" }, "colour"},
		{"invalid utf-8", func(p *QDAProject) { p.Sources[0].Text = "\xff" + p.Sources[0].Text }, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := qdaFixture(t)
			tt.change(&p)
			err := WriteQDPX(io.Discard, p)
			if !errors.Is(err, ErrInvalidQDA) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalidQDA with %q", err, tt.want)
			}
		})
	}
}

func TestGUIDFor(t *testing.T) {
	a := GUIDFor("code", "fagsprog")
	if a != GUIDFor("code", "fagsprog") {
		t.Error("not deterministic")
	}
	if a == GUIDFor("source", "fagsprog") || a == GUIDFor("code", "fagsprog2") {
		t.Error("kind or id does not change the GUID")
	}
	if !guidRE.MatchString(a) || a[14] != '5' || !strings.ContainsRune("89ab", rune(a[19])) {
		t.Errorf("GUID %s is not a version 5 RFC 4122 UUID", a)
	}
}

func TestRuneRange(t *testing.T) {
	text := "Ærø og Øster"
	i := strings.Index(text, "Øster")
	if s, e := RuneRange(text, i, i+len("Øster")); s != 7 || e != 12 {
		t.Errorf("RuneRange = %d,%d, want 7,12", s, e)
	}
	if s, e := RuneRange(text, -5, 999); s != 0 || e != 12 {
		t.Errorf("clamped RuneRange = %d,%d", s, e)
	}
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
