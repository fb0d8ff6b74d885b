package qdpx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"indsigt/ingest/parse"
	"indsigt/internal/refiqda"
)

// Limits bound what one Read may take; a zero field takes the default.
type Limits struct {
	MaxFileBytes    int64 // the .qdpx itself; default 256 MiB
	MaxEntries      int   // zip entries; default 2000
	MaxUncompressed int64 // all entries read, decompressed; default 200 MiB
	MaxXMLDepth     int   // default 256
	MaxXMLElements  int   // elements of project.qde; default 1000000
	MaxSourceBytes  int64 // one source's text; default 50 MiB
}

// DefaultLimits are the limits of an import.
func DefaultLimits() Limits {
	return Limits{MaxFileBytes: 256 << 20, MaxEntries: 2000, MaxUncompressed: 200 << 20, MaxXMLDepth: 256,
		MaxXMLElements: 1000000, MaxSourceBytes: 50 << 20}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	l.MaxFileBytes = parse.PositiveOr(l.MaxFileBytes, d.MaxFileBytes)
	l.MaxEntries = parse.PositiveOr(l.MaxEntries, d.MaxEntries)
	l.MaxUncompressed = parse.PositiveOr(l.MaxUncompressed, d.MaxUncompressed)
	l.MaxXMLDepth = parse.PositiveOr(l.MaxXMLDepth, d.MaxXMLDepth)
	l.MaxXMLElements = parse.PositiveOr(l.MaxXMLElements, d.MaxXMLElements)
	l.MaxSourceBytes = parse.PositiveOr(l.MaxSourceBytes, d.MaxSourceBytes)
	return l
}

// Read parses a .qdpx held in memory.
func Read(data []byte, lim Limits) (*Project, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), lim.MaxFileBytes)
	}
	z, err := parse.OpenZip(data, parse.ZipLimits{MaxEntries: lim.MaxEntries, MaxBytes: lim.MaxUncompressed, TooLarge: ErrTooLarge})
	if err != nil {
		return nil, zipError(err)
	}
	r := &reader{lim: lim, zip: z}
	qde := z.Find("project.qde")
	if qde == nil {
		return nil, ErrNoProject
	}
	raw, err := r.entry(qde, lim.MaxUncompressed)
	if err != nil {
		return nil, err
	}
	if err := checkXML(raw, lim); err != nil {
		return nil, err
	}
	var doc refiqda.Project
	if err := xml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadProject, err)
	}
	if doc.XMLName.Local != "Project" || doc.XMLName.Space != Namespace {
		return nil, fmt.Errorf("%w: its root element is {%s}%s, want {%s}Project", ErrNotQDA, doc.XMLName.Space, doc.XMLName.Local, Namespace)
	}
	return r.project(doc)
}

// Namespace is QDA-XML's namespace.
const Namespace = refiqda.Namespace

// reader reads the entries of one zip against one decompression budget.
type reader struct {
	lim Limits
	zip *parse.Zip
}

// entry reads one zip entry, at most max bytes and within the budget.
func (r *reader) entry(f *zip.File, max int64) ([]byte, error) {
	b, err := r.zip.ReadAll(f, max)
	if err != nil {
		return nil, zipError(err)
	}
	return b, nil
}

// zipError keeps a limit's error and calls any other a broken zip.
func zipError(err error) error {
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrNotZip, err)
}

// checkXML walks the tokens once, bounding depth and element count before
// the document is decoded into structs.
func checkXML(raw []byte, lim Limits) error {
	d := xml.NewDecoder(bytes.NewReader(raw))
	depth, elements := 0, 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrBadProject, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if elements == 0 && tok.Name.Local != "Project" {
				return fmt.Errorf("%w: its root element is <%s>, want <Project>", ErrNotQDA, tok.Name.Local)
			}
			elements++
			if depth++; depth > lim.MaxXMLDepth {
				return fmt.Errorf("%w: XML nested deeper than %d", ErrTooLarge, lim.MaxXMLDepth)
			}
			if elements > lim.MaxXMLElements {
				return fmt.Errorf("%w: more than %d XML elements", ErrTooLarge, lim.MaxXMLElements)
			}
		case xml.EndElement:
			depth--
		}
	}
	if elements == 0 {
		return fmt.Errorf("%w: no XML element", ErrNotQDA)
	}
	return nil
}

// text resolves a text source's plainTextPath.
func (r *reader) text(p string) (string, string, error) {
	name, ok := strings.CutPrefix(p, "internal://")
	if !ok {
		return "", ExternalText, nil
	}
	f := r.zip.Find("sources/" + name)
	if f == nil {
		return "", MissingText, nil
	}
	b, err := r.entry(f, r.lim.MaxSourceBytes)
	if err != nil {
		return "", "", err
	}
	return strings.TrimPrefix(string(b), "\uFEFF"), "", nil
}
