package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ledongthuc/pdf"
)

// Reading a PDF: its text layer (github.com/ledongthuc/pdf, pure Go, which
// decodes WinAnsi and other simple encodings and Type0 fonts through their
// ToUnicode maps) is laid out again as lines and paragraphs (pdf_layout.go).
//
// Decisions worth knowing:
//   - The library panics on some malformed files: parsePDF recovers and
//     reports the file as damaged, so a bad upload never takes the server.
//   - Limits come before text: the page count is checked when the file is
//     opened, each page's content stream is measured (decompressed, at
//     most maxPDFPageContent bytes, all pages within MaxDocxUncompressed)
//     before its glyphs are read, and the whole extraction has
//     MaxPDFSeconds. The time limit is checked between pages and by the
//     caller's timer; a page already being read finishes in the
//     background and is dropped.
//   - No text at all (a scan) is ErrScanned, which tells the user to run
//     OCR first; a password is ErrEncrypted.

// ErrScanned reports a PDF without a text layer, most likely a scan.
var ErrScanned = errors.New("PDF has no text layer")

// maxPDFPageContent bounds one page's decompressed content stream: a page
// of text is a few kilobytes, and every glyph read becomes a value in
// memory, so a larger page is a drawing or an attack.
const maxPDFPageContent = 8 << 20

func parsePDF(data []byte, lim Limits) (*Document, error) {
	type result struct {
		pages [][]pdfLine
		err   error
	}
	done := make(chan result, 1)
	deadline := time.Now().Add(time.Duration(lim.MaxPDFSeconds) * time.Second)
	go func() {
		pages, err := readPDF(data, lim, deadline)
		done <- result{pages, err}
	}()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("pdf: %w", r.err)
		}
		return pdfDocument(r.pages)
	case <-timer.C:
		return nil, fmt.Errorf("pdf: %w", pdfTooSlow(lim))
	}
}

func pdfTooSlow(lim Limits) error {
	return fmt.Errorf("reading the text took longer than %d seconds (limit INDSIGT_MAX_PDF_SECONDS): %w", lim.MaxPDFSeconds, ErrTooLarge)
}

// readPDF opens the file and reads each page's lines; any panic of the
// library is a damaged file.
func readPDF(data []byte, lim Limits, deadline time.Time) (pages [][]pdfLine, err error) {
	defer func() {
		switch x := recover(); {
		case x == errPDFDeadline:
			pages, err = nil, pdfTooSlow(lim)
		case x != nil:
			pages, err = nil, damagedPDF()
		}
	}()
	if err := checkXref(data); err != nil {
		return nil, err
	}
	r, err := pdf.NewReader(&deadlineReader{r: bytes.NewReader(data), deadline: deadline}, int64(len(data)))
	if errors.Is(err, errPDFDeadline) {
		return nil, pdfTooSlow(lim)
	}
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, fmt.Errorf("the PDF is protected by a password: save a copy without the password and upload that: %w", ErrEncrypted)
	}
	if err != nil {
		return nil, damagedPDF()
	}
	n := r.NumPage()
	if n > lim.MaxPDFPages {
		return nil, fmt.Errorf("%d pages, more than %d (limit INDSIGT_MAX_PDF_PAGES): split the file: %w", n, lim.MaxPDFPages, ErrTooLarge)
	}
	budget := lim.MaxDocxUncompressed
	for i := 1; i <= n; i++ {
		if time.Now().After(deadline) {
			return nil, pdfTooSlow(lim)
		}
		p := r.Page(i)
		size, err := contentSize(p.V.Key("Contents"), min(budget, maxPDFPageContent))
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		budget -= size
		var b lineBuilder
		pageText(p, &b)
		pages = append(pages, b.done())
	}
	return pages, nil
}

// damagedPDF says nothing of what the library met: its messages quote
// the file's objects, which may hold its text, and an answer is shown,
// logged and screen-shared like any page.
func damagedPDF() error {
	return fmt.Errorf("the file cannot be read: save it again as PDF: %w", ErrDamaged)
}

// errPDFDeadline stops the library when the time is up.
var errPDFDeadline = errors.New("pdf: deadline passed")

// deadlineReader ends every read once the deadline has passed: the library
// reads the file for every object it resolves, so a malformed file that
// sends it in circles (an xref /Prev or a page tree pointing back at
// itself) is stopped there instead of spinning on after parsePDF gave up.
type deadlineReader struct {
	r        io.ReaderAt
	deadline time.Time
}

func (d *deadlineReader) ReadAt(p []byte, off int64) (int, error) {
	if time.Now().After(d.deadline) {
		panic(errPDFDeadline)
	}
	return d.r.ReadAt(p, off)
}

// contentSize is the decompressed size of a page's content (one stream or
// an array of them), refused when over max.
func contentSize(v pdf.Value, max int64) (int64, error) {
	var streams []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		streams = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len(); i++ {
			streams = append(streams, v.Index(i))
		}
	}
	var total int64
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		n, err := io.Copy(io.Discard, io.LimitReader(rc, max-total+1))
		_ = rc.Close()
		total += n
		if total > max {
			return 0, fmt.Errorf("a page's content exceeds %d bytes: %w", max, ErrTooLarge)
		}
		if err != nil {
			return 0, damagedPDF()
		}
	}
	return total, nil
}
