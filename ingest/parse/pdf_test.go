package parse

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The fixtures in testdata/pdf are written by testdata/pdfgen (fpdf): two
// pages of the same three paragraphs under a running header and over a
// page number, in a core font (WinAnsiEncoding) and in an embedded
// TrueType font (Type0, Identity-H with a ToUnicode map).
func TestPDFParagraphs(t *testing.T) {
	want := []string{
		"Interview med Karen Jensen om madspild i Kolding.",
		"Hun fortæller, at hun tjekker køleskabet hver nat, fordi hun er bange for at maden ikke rækker til hele ugen. Børnene får først, og hun spiser resten, når de er lagt i seng. Det er blevet værre efter at bussen holdt op med at køre til Føtex.",
		"Ring til hende på 20 30 40 50 før næste møde på Ærøvej.",
	}
	for _, name := range []string{"winansi.pdf", "identity-h.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(name, readFixture(t, "pdf/"+name), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "pdf" {
				t.Errorf("format %q", doc.Format)
			}
			var got []string
			for _, s := range doc.Segments {
				got = append(got, s.Text)
			}
			if len(got) != 2*len(want) {
				t.Fatalf("%d paragraphs, want %d (header, footer and page numbers dropped):\n%s", len(got), 2*len(want), strings.Join(got, "\n---\n"))
			}
			for i, g := range got {
				if g != want[i%len(want)] {
					t.Errorf("paragraph %d:\n got %q\nwant %q", i, g, want[i%len(want)])
				}
			}
		})
	}
}

func TestPDFRefusals(t *testing.T) {
	fixture := func(name string) []byte { return readFixture(t, "pdf/"+name) }
	valid := fixture("winansi.pdf")
	testRefusals(t, []refusal{
		{"scanned.pdf", fixture("scanned.pdf"), Limits{}, ErrScanned, "no text layer"},
		{"encrypted.pdf", fixture("encrypted.pdf"), Limits{}, ErrEncrypted, "password"},
		{"pages.pdf", valid, Limits{MaxPDFPages: 1}, ErrTooLarge, "INDSIGT_MAX_PDF_PAGES"},
		{"header.pdf", []byte("%PDF-1.7 binary"), Limits{}, ErrDamaged, "cannot be read"},
		{"content.pdf", valid, Limits{MaxDocxUncompressed: 100}, ErrTooLarge, "content exceeds"},
		// Without the check the library would allocate 20 GB for the table.
		{"xref.pdf", bytes.Replace(valid, []byte("xref\n0 "), []byte("xref\n900000000 "), 1), Limits{}, ErrDamaged, "cannot be read"},
		{"xref-stream.pdf", []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 900000000 /W [1 2 1] >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n"), Limits{}, ErrDamaged, "cannot be read"},
	})
}

// TestPDFTruncated: a PDF cut anywhere, or with bytes flipped, is refused
// with an error and never panics.
func TestPDFTruncated(t *testing.T) {
	for _, name := range []string{"winansi.pdf", "identity-h.pdf"} {
		data := readFixture(t, "pdf/"+name)
		for n := 0; n < len(data); n += 1 + len(data)/300 {
			cut := append([]byte{}, data[:n]...)
			if _, err := Parse(name, cut, DefaultLimits()); err == nil && n < len(data)-40 {
				t.Errorf("%s cut at %d: no error", name, n)
			}
			flipped := append([]byte{}, data...)
			flipped[n] ^= 0x5A
			_, _ = Parse(name, flipped, DefaultLimits())
		}
	}
}

// TestPDFCorpus reads a real PDF written by Word (the REFI-QDA 1.5
// specification, 60 pages) when the shared corpus is there.
func TestPDFCorpus(t *testing.T) {
	data, err := os.ReadFile("../../../shared/corpora/refi-qda/REFI-QDA-1-5.pdf")
	if err != nil {
		t.Skip("shared corpus not present:", err)
	}
	doc, err := Parse("REFI-QDA-1-5.pdf", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, s := range doc.Segments {
		all += s.Text + "\n"
	}
	for _, want := range []string{"Fred van Blommestein", "qualitative data analysis software packages"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q missing", want)
		}
	}
	t.Logf("%d paragraphs; the tenth: %q", len(doc.Segments), doc.Segments[min(9, len(doc.Segments)-1)].Text)
}

// loopingPDF is a PDF whose page tree lists itself as its own kid (and,
// with prevLoop, whose xref names itself as the previous one): a reader
// that follows either goes round for ever.
func loopingPDF(prevLoop bool) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := []int{}
	for _, obj := range []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"} {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), obj)
	}
	xref := b.Len()
	b.WriteString("xref\n0 3\n0000000000 65535 f \n")
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	prev := ""
	if prevLoop {
		prev = fmt.Sprintf(" /Prev %d", xref)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 3 /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", prev, xref)
	return []byte(b.String())
}

// TestPDFLoopsStop: a PDF that sends the library in circles is refused
// when the time limit is up, and the reading stops then too.
func TestPDFLoopsStop(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, prevLoop := range []bool{false, true} {
		start := time.Now()
		_, err := Parse("rundt.pdf", loopingPDF(prevLoop), Limits{MaxPDFSeconds: 1})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "INDSIGT_MAX_PDF_SECONDS") || time.Since(start) > 5*time.Second {
			t.Errorf("prev loop %v: %v after %s", prevLoop, err, time.Since(start))
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines still reading, %d before", n, before)
	}
}
