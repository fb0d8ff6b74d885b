package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzLimits keep each fuzz input cheap while still exercising the limits.
func fuzzLimits() Limits {
	return Limits{
		MaxFileBytes: 1 << 20, MaxDocxUncompressed: 4 << 20, MaxDocxEntries: 50,
		MaxXMLDepth: 64, MaxCSVRows: 1000, MaxCSVFieldBytes: 64 << 10,
	}
}

// seedFixtures adds every testdata file whose name matches one of the
// patterns.
func seedFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, err := filepath.Glob(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			if info, err := os.Stat(file); err != nil || info.IsDir() {
				continue // testdata/fuzz holds the fuzzer's own corpus
			}
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// checkDoc asserts the promises every Document keeps.
func checkDoc(t *testing.T, doc *Document) {
	t.Helper()
	for i, s := range doc.Segments {
		if s.Position != i {
			t.Fatalf("segment %d has Position %d", i, s.Position)
		}
		if s.Text == "" || s.Text != strings.TrimSpace(s.Text) {
			t.Fatalf("segment %d text %q is empty or untrimmed", i, s.Text)
		}
		if !utf8.ValidString(s.Text) || !utf8.ValidString(s.Speaker) {
			t.Fatalf("segment %d is not valid UTF-8", i)
		}
		if strings.ContainsRune(s.Text, 0) {
			t.Fatalf("segment %d holds NUL", i)
		}
		switch s.Role {
		case "", RoleInterviewer, RoleParticipant:
		default:
			t.Fatalf("segment %d role %q", i, s.Role)
		}
	}
	if d := doc.Meta.Date; d != "" && ParseDate(d) != d {
		t.Fatalf("Meta.Date %q is not YYYY-MM-DD", d)
	}
}

func fuzzParse(t *testing.T, name string, data []byte) {
	doc, err := Parse(name, data, fuzzLimits())
	if err != nil {
		if doc != nil {
			t.Fatal("document and error both returned")
		}
		return
	}
	checkDoc(t, doc)
}

func FuzzParse(f *testing.F) {
	seedFixtures(f, "*")
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"x.txt", "x.csv", "x"} {
			fuzzParse(t, name, data)
		}
	})
}

func FuzzTxt(f *testing.F) {
	seedFixtures(f, "txt-*", "*.md")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.txt", data) })
}

func FuzzMarkdown(f *testing.F) {
	seedFixtures(f, "*.md", "txt-utf8.txt")
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.md", data) })
}

func FuzzDocx(f *testing.F) {
	seedFixtures(f, "*.docx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.docx", data) })
}

// FuzzDocxXML fuzzes document.xml itself: mutating a zip mostly breaks its
// checksum, so this reaches the XML walker far more often.
func FuzzDocxXML(f *testing.F) {
	f.Add(`<w:p><w:r><w:t>Bo: hej</w:t></w:r></w:p>`)
	f.Add(`<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>MERGEFIELD x</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>y</w:t><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:p><w:del><w:r><w:delText>x</w:delText></w:r></w:del><w:ins><w:r><w:t>z</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>`)
	f.Fuzz(func(t *testing.T, body string) {
		fuzzParse(t, "x.docx", docxOf(t, body))
	})
}

func FuzzVTT(f *testing.F) {
	seedFixtures(f, "*.vtt")
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Bo>hej &amp; <00:01.500>farvel"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.vtt", data) })
}

func FuzzSRT(f *testing.F) {
	seedFixtures(f, "*.srt")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.srt", data) })
}

func FuzzCSV(f *testing.F) {
	seedFixtures(f, "*.csv")
	f.Add([]byte("sep=;\ntekst;tid\n\"a\"\"b\";1,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("x.csv", data, fuzzLimits())
		if err != nil {
			return
		}
		checkDoc(t, doc)
		if len(doc.Segments) > fuzzLimits().MaxCSVRows {
			t.Fatalf("%d rows past the limit", len(doc.Segments))
		}
	})
}

func FuzzJSON(f *testing.F) {
	seedFixtures(f, "*.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "x.json", data) })
}

// FuzzDate checks that ParseDate only ever returns a canonical date.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "1. marts 2026", "31.12.1999", "29-02-2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := ParseDate(s); d != "" && ParseDate(d) != d {
			t.Fatalf("ParseDate(%q) = %q is not stable", s, d)
		}
	})
}

func TestFuzzLimitsAreErrTooLarge(t *testing.T) {
	_, err := Parse("x.txt", make([]byte, fuzzLimits().MaxFileBytes+1), fuzzLimits())
	if !errors.Is(err, ErrTooLarge) {
		t.Fatal(err)
	}
}
