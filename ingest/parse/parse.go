// Package parse turns the bytes of an uploaded file into a normalized
// Document of segments. It does no I/O beyond the byte slice it is given.
//
// Supported formats: txt, md, docx, vtt, srt, csv, json (see
// JSON_FORMAT.md), xlsx (see xlsx.go) and pdf with a text layer (pdf.go). The format is detected from the content first and the
// file name second, so a Word file renamed to .txt is still read as docx.
//
// Choices made where the brief left room:
//   - md: headings are kept as segments of their own, without the '#'.
//   - txt/md/docx: lines inside one paragraph are kept, joined with "\n".
//   - vtt/srt: the lines of one cue are joined with a space, and consecutive
//     cues with the same speaker and the same text (YouTube auto-captions
//     repeat the line while it scrolls) are merged into one segment whose
//     EndMS is the last cue's end.
//   - A zero field in Limits means "use the default".
package parse

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrUnsupported reports a file that is not one of the supported formats.
var ErrUnsupported = errors.New("unsupported file type")

// ErrTooLarge reports that a file exceeded one of the Limits; the wrapping
// error names the limit.
var ErrTooLarge = errors.New("file too large")

// ErrNoText reports a file that holds no text at all.
var ErrNoText = errors.New("no text found")

// supportedList is shown to the user whenever a file is refused.
const supportedList = "use txt, md, docx, vtt, srt, csv, json, xlsx or pdf"

// Limits bounds the work and memory one Parse call may use.
type Limits struct {
	MaxFileBytes        int64 // default 50 MiB
	MaxDocxUncompressed int64 // total uncompressed bytes read from the zip, default 200 MiB
	MaxDocxEntries      int   // default 2000
	MaxXMLDepth         int   // default 256
	MaxCSVRows          int   // default 200000
	MaxCSVFieldBytes    int   // default 1 MiB
	MaxNoteBytes        int   // a longer note is split at a paragraph, sentence or word boundary; default 32 KiB
	MaxWordBytes        int   // a longer word refuses the file; default 1 KiB
	MaxNotesPerFile     int   // default 50000
	MaxNotesPerUpload   int   // notes of all files in one upload together (package ingest); default 100000
	MaxXLSXCells        int   // cells of the sheet read, default 2000000 (rows: MaxCSVRows; size: MaxDocx*)
	MaxXLSXStrings      int   // entries of a workbook's shared strings table, default 1000000
	MaxPDFPages         int   // default 2000
	MaxPDFSeconds       int   // time to extract a PDF's text, default 60
}

// DefaultLimits returns the limits used for uploads.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:        50 << 20,
		MaxDocxUncompressed: 200 << 20,
		MaxDocxEntries:      2000,
		MaxXMLDepth:         256,
		MaxCSVRows:          200000,
		MaxCSVFieldBytes:    1 << 20,
		MaxNoteBytes:        32 << 10,
		MaxWordBytes:        1 << 10,
		MaxNotesPerFile:     50000,
		MaxNotesPerUpload:   100000,
		MaxXLSXCells:        2000000,
		MaxXLSXStrings:      1000000,
		MaxPDFPages:         2000,
		MaxPDFSeconds:       60,
	}
}

// withDefaults fills zero (or negative) fields so that a zero Limits value
// is safe rather than "no limit at all".
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	l.MaxFileBytes = PositiveOr(l.MaxFileBytes, d.MaxFileBytes)
	l.MaxDocxUncompressed = PositiveOr(l.MaxDocxUncompressed, d.MaxDocxUncompressed)
	l.MaxDocxEntries = PositiveOr(l.MaxDocxEntries, d.MaxDocxEntries)
	l.MaxXMLDepth = PositiveOr(l.MaxXMLDepth, d.MaxXMLDepth)
	l.MaxCSVRows = PositiveOr(l.MaxCSVRows, d.MaxCSVRows)
	l.MaxCSVFieldBytes = PositiveOr(l.MaxCSVFieldBytes, d.MaxCSVFieldBytes)
	l.MaxNoteBytes = PositiveOr(l.MaxNoteBytes, d.MaxNoteBytes)
	l.MaxWordBytes = PositiveOr(l.MaxWordBytes, d.MaxWordBytes)
	// A note must hold at least one whole word, so a note limit below the
	// word limit is raised to it.
	if l.MaxNoteBytes < l.MaxWordBytes {
		l.MaxNoteBytes = l.MaxWordBytes
	}
	l.MaxNotesPerFile = PositiveOr(l.MaxNotesPerFile, d.MaxNotesPerFile)
	l.MaxNotesPerUpload = PositiveOr(l.MaxNotesPerUpload, d.MaxNotesPerUpload)
	return l.binaryDefaults(d)
}

// PositiveOr is v, or def when v is zero or negative: how a zero limit
// takes its default.
func PositiveOr[T int | int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Meta is what the file says about the session it records.
type Meta struct {
	Kind         string // interview|observation|workshop|test or "" when the file does not say
	Title        string
	Date         string // YYYY-MM-DD or ""
	Place        string
	Interviewer  string
	Participants []string // real names as written in the file's metadata (the caller pseudonymizes them)
	Staff        []string // names of staff present (front matter "staff"/"medarbejdere"), pseudonymized as staff
}

// Segment is one note: a paragraph, a speaker turn, a cue or a row.
type Segment struct {
	Position int               // 0-based order in the document
	Speaker  string            // speaker name/label as in the file, "" if none
	Role     string            // "interviewer", "participant" or "" when the file does not say
	Text     string            // NFC-normalized, trimmed, never empty
	StartMS  int64             // -1 when the format has no times
	EndMS    int64             // -1 when the format has no times
	Fields   map[string]string // extra metadata columns (CSV) or nil
}

// Document is a parsed file.
type Document struct {
	Format   string // "txt","md","docx","vtt","srt","csv","json","xlsx","pdf"
	Meta     Meta
	Segments []Segment
}

// Role values.
const (
	RoleInterviewer = "interviewer"
	RoleParticipant = "participant"
)

// Parse detects the format by content as well as extension, decodes the
// encoding, and segments.
func Parse(name string, data []byte, lim Limits) (*Document, error) {
	return ParseWith(name, data, lim, Mapping{})
}

// ParseWith is Parse with the columns (and sheet) of a table chosen.
func ParseWith(name string, data []byte, lim Limits, m Mapping) (*Document, error) {
	lim = lim.withDefaults()
	ext := strings.ToLower(filepath.Ext(name))
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, fmt.Errorf("parse %s: file size %d exceeds %d bytes: %w", name, len(data), lim.MaxFileBytes, ErrTooLarge)
	}
	doc, err := parseBytes(ext, data, lim, m)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	if len(doc.Segments) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoText)
	}
	if doc.Segments, err = bound(doc.Segments, lim); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	for i := range doc.Segments {
		doc.Segments[i].Position = i
	}
	return doc, nil
}

func parseBytes(ext string, data []byte, lim Limits, m Mapping) (*Document, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("empty file: %w", ErrNoText)
	}
	if doc, ok, err := parseBinary(ext, data, lim, m); ok {
		return doc, err
	}
	if what := sniffBinary(data); what != "" {
		return nil, unsupported(ext, what)
	}
	if unsupportedExt[ext] {
		return nil, unsupported(ext, "")
	}
	text := decodeText(data)
	if strings.TrimSpace(text) == "" {
		return nil, ErrNoText
	}
	if what := markupKind(text); what != "" {
		return nil, unsupported(ext, what)
	}
	kind := detectText(ext, text)
	// A plain text file with a word past the limit is refused before it
	// is segmented, so that it is never held more than twice (CSV and JSON
	// have long runs without spaces in their syntax: bound checks them).
	if kind != "json" && kind != "csv" && longestWord(text) > lim.MaxWordBytes {
		return nil, tooLongWord(lim.MaxWordBytes)
	}
	switch kind {
	case "vtt":
		return parseVTT(text), nil
	case "srt":
		return parseSRT(text), nil
	case "json":
		return parseJSON(text)
	case "csv":
		return parseCSV(text, ext == ".tsv", lim, m)
	case "md":
		return parseMarkdown(text)
	default:
		return parseTxt(text), nil
	}
}

// unsupportedExt lists extensions users commonly try that we refuse even
// when the bytes happen to look like text, because reading them as text
// would give garbage (RTF control words, HTML tags, XML).
var unsupportedExt = map[string]bool{
	".doc": true, ".rtf": true, ".odt": true, ".xls": true,
	".ppt": true, ".pptx": true, ".pages": true, ".html": true,
	".htm": true, ".xml": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".mp3": true, ".mp4": true, ".m4a": true, ".wav": true,
	".zip": true, ".exe": true, ".xsd": true, ".odp": true, ".ods": true,
}

func unsupported(ext, what string) error {
	shown := ext
	if shown == "" {
		shown = "(no extension)"
	}
	if what != "" {
		return fmt.Errorf("%w %s (looks like %s): %s", ErrUnsupported, shown, what, supportedList)
	}
	return fmt.Errorf("%w %s: %s", ErrUnsupported, shown, supportedList)
}
