package parse

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

const (
	nsWord       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsDC         = "http://purl.org/dc/elements/1.1/"
)

// parseZip reads a zip: a docx whatever its name, anything else refused.
func parseZip(ext string, z *Zip, lim Limits) (*Document, error) {
	if err := z.CheckEntries(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	var body, core *zip.File
	for _, f := range z.File {
		switch f.Name {
		case "word/document.xml":
			body = f
		case "docProps/core.xml":
			core = f
		}
	}
	if body == nil {
		return nil, unsupported(ext, zipKind(z.Reader))
	}
	doc := &Document{Format: "docx"}
	segs, err := readDocxBody(z, body, lim)
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) {
		return nil, fmt.Errorf("docx: damaged Word file (%w): save it again in Word", err)
	}
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	doc.Segments = segs
	if core != nil {
		// The title is a nicety: a broken core.xml must not lose the text,
		// but a limit hit there is still reported.
		title, err := readCoreTitle(z, core, lim.MaxXMLDepth)
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("docx: %w", err)
		}
		doc.Meta.Title = title
	}
	assignRoles(doc.Segments, "")
	return doc, nil
}

func zipKind(zr *zip.Reader) string {
	for _, f := range zr.File {
		switch {
		case strings.HasPrefix(f.Name, "xl/"):
			return "an Excel workbook: save it as csv"
		case strings.HasPrefix(f.Name, "ppt/"):
			return "a PowerPoint presentation"
		case f.Name == "mimetype" || f.Name == "content.xml":
			return "an OpenDocument file: save it as docx"
		}
	}
	return "a zip archive without a Word document"
}

func readCoreTitle(z *Zip, f *zip.File, maxDepth int) (string, error) {
	rc, err := z.Open(f)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	depth, inTitle := 0, false
	var sb strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return collapseSpaces(cleanText(sb.String())), nil
			}
			return "", fmt.Errorf("core.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return "", fmt.Errorf("core.xml: XML depth exceeds %d: %w", maxDepth, ErrTooLarge)
			}
			inTitle = t.Name.Space == nsDC && t.Name.Local == "title"
		case xml.EndElement:
			depth--
			inTitle = false
		case xml.CharData:
			if inTitle && sb.Len() < 4096 {
				sb.Write(t)
			}
		}
	}
}

func readDocxBody(z *Zip, f *zip.File, lim Limits) ([]Segment, error) {
	rc, err := z.Open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var r io.Reader = rc
	w := &docxWalker{maxDepth: lim.MaxXMLDepth, maxWord: lim.MaxWordBytes, maxNotes: lim.MaxNotesPerFile}
	// The XML decoder holds a whole text node before the walker sees it;
	// the guard stops a node of one huge word while it is read. Escapes
	// (&amp;) take up to 8 bytes a character, hence the factor.
	r = &wordGuard{r: r, max: 8 * lim.MaxWordBytes}
	if err := w.walk(xml.NewDecoder(r)); err != nil {
		return nil, err
	}
	return w.segs, nil
}

// wordGuard follows the raw XML: the bytes of text (outside tags) since
// the last white space or tag.
type wordGuard struct {
	r        io.Reader
	max, run int
	inTag    bool
}

func (g *wordGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		switch {
		case c == '<':
			g.inTag, g.run = true, 0
		case c == '>':
			g.inTag = false
		case g.inTag:
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			g.run = 0
		default:
			if g.run++; g.run > g.max {
				return n, tooLongWord(g.max / 8)
			}
		}
	}
	return n, err
}

// field tracks one complex field (fldChar begin … separate … end): its
// code part (instrText, e.g. MERGEFIELD) is hidden, its result shown.
type field struct {
	inResult bool
}

// docxWalker streams document.xml and collects paragraph text.
type docxWalker struct {
	maxDepth int
	depth    int
	paras    []*strings.Builder // open paragraphs; text boxes nest them
	fields   []field
	inCode   int  // fields on the stack still in their code part
	skip     int  // depth of a subtree whose text is never shown, 0 if none
	inText   bool // inside w:t
	segs     []Segment
	// The note limits are checked while streaming too, so that a file of
	// one huge word or of countless paragraphs is refused before its text
	// is held more than once (bound checks them again on the result).
	maxWord, maxNotes int
	run               int // bytes of the word being written
}

func isWordNS(space string) bool {
	return space == nsWord || space == nsWordStrict
}

func (w *docxWalker) walk(dec *xml.Decoder) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.depth++; w.depth > w.maxDepth {
				return fmt.Errorf("XML depth exceeds %d: %w", w.maxDepth, ErrTooLarge)
			}
			w.start(t)
		case xml.EndElement:
			w.end(t)
			w.depth--
		case xml.CharData:
			if w.inText && w.skip == 0 && !w.inFieldCode() {
				if err := w.countWord(t); err != nil {
					return err
				}
				w.write(string(t))
			}
		}
		if len(w.segs) > w.maxNotes {
			return tooManyNotes(w.maxNotes)
		}
	}
}

// hiddenSubtree names elements whose content is not document text: deleted
// runs, moved-away text, field codes and the legacy duplicate of text
// boxes that Word writes in mc:Fallback.
func hiddenSubtree(n xml.Name) bool {
	if n.Local == "Fallback" && !isWordNS(n.Space) {
		return true
	}
	if !isWordNS(n.Space) {
		return false
	}
	switch n.Local {
	case "del", "moveFrom", "instrText", "delText", "delInstrText":
		return true
	}
	return false
}

func (w *docxWalker) start(t xml.StartElement) {
	if w.skip > 0 {
		return
	}
	if hiddenSubtree(t.Name) {
		w.skip = w.depth
		return
	}
	if !isWordNS(t.Name.Space) {
		return
	}
	switch t.Name.Local {
	case "p":
		w.paras = append(w.paras, &strings.Builder{})
	case "t":
		w.inText = true
	case "tab", "ptab":
		if !w.inFieldCode() {
			w.write("\t")
		}
	case "br", "cr":
		if !w.inFieldCode() {
			w.write("\n")
		}
	case "noBreakHyphen":
		w.write("-")
	case "fldChar":
		w.fieldChar(attr(t, "fldCharType"))
	}
}

func (w *docxWalker) end(t xml.EndElement) {
	if w.skip > 0 {
		if w.depth == w.skip {
			w.skip = 0
		}
		return
	}
	if !isWordNS(t.Name.Space) {
		return
	}
	switch t.Name.Local {
	case "t":
		w.inText = false
	case "p":
		w.endParagraph()
	}
}

func (w *docxWalker) fieldChar(kind string) {
	switch kind {
	case "begin":
		w.fields = append(w.fields, field{})
		w.inCode++
	case "separate":
		if n := len(w.fields); n > 0 && !w.fields[n-1].inResult {
			w.fields[n-1].inResult = true
			w.inCode--
		}
	case "end":
		if n := len(w.fields); n > 0 {
			if !w.fields[n-1].inResult {
				w.inCode--
			}
			w.fields = w.fields[:n-1]
		}
	}
}

// inFieldCode is a counter, not a scan of the stack, so a file with
// thousands of unclosed fields stays linear.
func (w *docxWalker) inFieldCode() bool {
	return w.inCode > 0
}

// countWord follows the length of the word being written across runs.
func (w *docxWalker) countWord(t []byte) error {
	for _, c := range t {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			w.run = 0
			continue
		}
		if w.run++; w.run > w.maxWord {
			return tooLongWord(w.maxWord)
		}
	}
	return nil
}

func (w *docxWalker) write(s string) {
	if s == "\t" || s == "\n" {
		w.run = 0
	}
	if n := len(w.paras); n > 0 {
		w.paras[n-1].WriteString(s)
	}
}

func (w *docxWalker) endParagraph() {
	n := len(w.paras)
	if n == 0 {
		return
	}
	text := cleanText(w.paras[n-1].String())
	w.paras = w.paras[:n-1]
	w.run = 0
	for _, t := range splitTurns(text) {
		w.segs = append(w.segs, untimed(t))
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
