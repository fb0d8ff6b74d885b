package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	small := DefaultLimits()
	small.MaxFileBytes = 1 << 20
	small.MaxDocxUncompressed = 64 << 10
	small.MaxDocxEntries = 10
	small.MaxXMLDepth = 32
	small.MaxCSVRows = 3
	small.MaxCSVFieldBytes = 100

	tests := []struct {
		name    string
		data    []byte
		message string
	}{
		{"stor.txt", bytes.Repeat([]byte("æ"), 1<<19+1), "file size 1048578 exceeds 1048576 bytes"},
		{"mange.docx", manyEntries(t, 11), "docx: 11 zip entries exceed 10"},
		{"bombe.docx", bombDocx(t, 10<<20, false), "docx: uncompressed size exceeds 65536 bytes"},
		{"dyb.docx", docxOf(t, strings.Repeat("<w:p>", 40)+strings.Repeat("</w:p>", 40)), "docx: XML depth exceeds 32"},
		{"rækker.csv", []byte("tekst\na\nb\nc\nd\n"), "csv: more than 3 rows"},
		{"felt.csv", []byte("tekst\n" + strings.Repeat("ø", 51) + "\n"), "csv: field on line 2 exceeds 100 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, tt.data, small)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error %v is not ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
		})
	}
}

func TestLimitsAllowExactly(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxCSVRows = 3
	doc, err := Parse("tre.csv", []byte("tekst\na\nb\nc\n"), lim)
	if err != nil || len(doc.Segments) != 3 {
		t.Fatalf("3 rows at a limit of 3: %v", err)
	}
	lim = Limits{} // zero means defaults, not "nothing allowed"
	if _, err := Parse("a.txt", []byte("hej"), lim); err != nil {
		t.Fatalf("zero Limits: %v", err)
	}
}

func TestDefaultBombStopped(t *testing.T) {
	// The directory claims 300 MiB: refused before inflating anything.
	data := bombDocx(t, 1<<16, false)
	patchSizes(data, 300<<20)
	_, err := Parse("bombe.docx", data, DefaultLimits())
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "docx: uncompressed size exceeds 209715200 bytes") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnderstatedSizeStopped(t *testing.T) {
	// The directory claims 100 bytes for 10 MiB: archive/zip stops at the
	// claimed size, so the file is reported as damaged, never inflated.
	data := bombDocx(t, 10<<20, true)
	_, err := Parse("løgn.docx", data, DefaultLimits())
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("err = %v", err)
	}
}

func TestBudgetSpansEntries(t *testing.T) {
	// The budget is shared: bytes read from document.xml count against
	// core.xml too, and a reader past the budget fails with ErrTooLarge.
	b := &zipBudget{left: 10, max: 10}
	r := &budgetReader{r: strings.NewReader(strings.Repeat("x", 11)), b: b}
	buf := make([]byte, 64)
	n, err := r.Read(buf)
	if n != 11 || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "exceeds 10 bytes") {
		t.Fatalf("n=%d err=%v", n, err)
	}
}

func manyEntries(t *testing.T, n int) []byte {
	files := map[string]string{"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>hej</w:t></w:r></w:p></w:body></w:document>`}
	for i := len(files); i < n; i++ {
		files[fmt.Sprintf("word/media/image%d.png", i)] = "x"
	}
	return zipOf(t, files)
}

// bombDocx writes a document.xml of size bytes of text that compresses to
// almost nothing; with lie the zip directory claims it is 100 bytes.
func bombDocx(t testing.TB, size int, lie bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fh := &zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate}
	w, err := zw.CreateHeader(fh)
	if err != nil {
		t.Fatal(err)
	}
	head := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	if _, err := w.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("a"), 1<<16)
	for written := 0; written < size; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if lie {
		patchSizes(data, 100)
	}
	return data
}

// patchSizes overwrites the uncompressed size in the local header, data
// descriptor and central directory, as a hostile zip would.
func patchSizes(data []byte, size uint32) {
	le := func(b []byte, v uint32) { b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24) }
	if i := bytes.Index(data, []byte("PK\x01\x02")); i >= 0 {
		le(data[i+24:], size)
	}
	if i := bytes.LastIndex(data, []byte("PK\x07\x08")); i >= 0 {
		le(data[i+12:], size)
	}
}
