// Package qdpx reads a REFI-QDA project file (.qdpx: a zip holding
// project.qde, the QDA-XML project, and the sources' files) into typed
// structs. It only parses: nothing here pseudonymizes or stores, that is
// the import use case's job (app.ImportQDPX).
//
// Decisions worth knowing:
//   - Bounded before parsing: the file's size, the number of zip entries,
//     the declared and the actually decompressed size of every entry read,
//     and the XML's depth and element count (checked in a token pass
//     before the document is decoded), so a zip bomb or a deeply nested
//     document costs little. The zip limits are parse.Zip's, the reader
//     docx and xlsx files go through too.
//   - Lenient where the standard allows tools to differ: elements in any
//     order, GUIDs with or without braces and in any case (compared in
//     lower case, without braces), a UTF-8 BOM before a source's text.
//   - A TextSource's text comes from PlainTextContent or from its
//     plainTextPath "internal://name", which is the zip entry
//     "sources/name". Text held outside the file (relative://, absolute://)
//     and sources that are not text (PDF, pictures, audio, video) are
//     listed with a reason instead of their text, so the caller can say
//     per source why it was not imported.
//   - Offsets stay as the file gives them: characters (code points) of the
//     source's text, end exclusive.
package qdpx

import "errors"

// Errors of Read; each is wrapped with the detail.
var (
	ErrNotZip     = errors.New("not a REFI-QDA project file (.qdpx is a zip archive)")
	ErrNoProject  = errors.New("the file has no project.qde")
	ErrNotQDA     = errors.New("project.qde is not a REFI-QDA project")
	ErrTooLarge   = errors.New("the file is larger than the import allows")
	ErrBadProject = errors.New("project.qde cannot be read")
)

// Why a source carries no text (Source.Unsupported).
const (
	NotText      = "not_text"      // PDF, picture, audio or video
	ExternalText = "external_text" // the text lies outside the file
	MissingText  = "missing_text"  // the named entry is not in the file
	NotUTF8      = "not_utf8"      // the text is not UTF-8, as the standard asks
)

// Project is what a .qdpx holds that indsigt can use.
type Project struct {
	Name, Origin string
	Codes        []Code // roots; children nest
	Sources      []Source
	Notes        []Note
	Cases        []Case
	Sets         []Set
	// NoteRefs are the project's own notes (memos on the whole project).
	NoteRefs []string
}

// Code is a code of the codebook; Color is "#RRGGBB", "#RGB" or empty.
type Code struct {
	GUID, Name, Description, Color string
	Codable                        bool
	NoteRefs                       []string
	Children                       []Code
}

// Source is one source of the project. Kind is "text", "pdf", "picture",
// "audio" or "video"; only a text source has Text, and then Unsupported
// is empty.
type Source struct {
	GUID, Name, Kind string
	Text             string
	Unsupported      string // NotText, ExternalText, MissingText or NotUTF8
	Selections       []Selection
	CodeRefs         []string // codings of the whole source
	NoteRefs         []string
}

// Selection is a coded span of a text source.
type Selection struct {
	GUID, Name string
	Start, End int
	CodeRefs   []string
	NoteRefs   []string
}

// Note is a memo: REFI-QDA's Note, a text of its own.
type Note struct {
	GUID, Name, Text string
}

// Case is a unit of analysis, usually a person, with what belongs to it.
type Case struct {
	GUID, Name, Description string
	CodeRefs, SourceRefs    []string
	SelectionRefs           []string
}

// Set groups codes, sources and notes.
type Set struct {
	GUID, Name, Description        string
	CodeRefs, SourceRefs, NoteRefs []string
}
