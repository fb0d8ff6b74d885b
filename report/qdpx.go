package report

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// QDAProject is what a REFI-QDA export carries: coders, the codebook as a
// tree, and text sources with coded selections.
type QDAProject struct {
	Name, Origin string
	CreatedAt    time.Time
	Users        []QDAUser
	Codes        []QDACode // roots; children nest
	Sources      []QDASource
	// Notes are the memos (REFI-QDA Note); codes, sources and selections
	// point at theirs by GUID (NoteRefs), memos on an insight stand alone.
	Notes []QDANote
	Cases []QDACase
	Sets  []QDASet
}

// QDACase is a unit of analysis, a participant, with the sources it is in.
type QDACase struct {
	GUID, Name  string
	SourceGUIDs []string
}

// QDASet groups sources and notes: an insight, its evidence's sources
// and its memos.
type QDASet struct {
	GUID, Name, Description string
	SourceGUIDs, NoteGUIDs  []string
}

// QDANote is a memo: its text, who wrote it and when.
type QDANote struct {
	GUID, Name, Text string
	CreatedAt        time.Time
}

// QDAUser is a coder.
type QDAUser struct{ GUID, Name string }

// QDACode is a code of the codebook; Color is "#RRGGBB" or empty.
type QDACode struct {
	GUID, Name, Description, Color string
	Children                       []QDACode
	NoteRefs                       []string
}

// QDASource is one text source; Text is its full plain text.
type QDASource struct {
	GUID, Name, Text string
	CreatedBy        string // a user GUID or empty
	Selections       []QDASelection
	NoteRefs         []string
}

// QDASelection is a coded span of a source. Start and End are code point
// (rune) offsets into Text, End exclusive, as REFI-QDA counts characters;
// RuneRange converts from byte offsets.
type QDASelection struct {
	GUID       string
	Start, End int
	Name       string
	CodeGUIDs  []string
	CreatedBy  string
	NoteRefs   []string
}

// ErrInvalidQDA wraps every validation failure of WriteQDPX.
var ErrInvalidQDA = errors.New("invalid qda project")

// WriteQDPX writes a .qdpx file: a zip with project.qde (REFI-QDA Project
// 1.0 XML) and each source's text as sources/<guid>.txt in UTF-8. It checks
// references first, because QDA tools tend to reject a whole file for one
// dangling GUID.
func WriteQDPX(w io.Writer, p QDAProject) error {
	if err := validateQDA(p); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	mod := p.CreatedAt
	if mod.IsZero() {
		mod = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := writeZipEntry(zw, "project.qde", mod, func(w io.Writer) error { return encodeQDE(w, p) }); err != nil {
		return err
	}
	for _, s := range p.Sources {
		if err := writeZipEntry(zw, "sources/"+s.GUID+".txt", mod, func(w io.Writer) error {
			_, err := io.WriteString(w, s.Text)
			return err
		}); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	return nil
}

// writeZipEntry stamps entries with the project's date so that exporting the
// same project twice gives the same bytes.
func writeZipEntry(zw *zip.Writer, name string, mod time.Time, body func(io.Writer) error) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod.UTC()})
	if err != nil {
		return fmt.Errorf("write qdpx %s: %w", name, err)
	}
	if err := body(fw); err != nil {
		return fmt.Errorf("write qdpx %s: %w", name, err)
	}
	return nil
}

var colorRE = regexp.MustCompile(`^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$`)

// qdaChecker collects the GUIDs seen so far to find duplicates and dangling references.
type qdaChecker struct {
	seen    map[string]bool
	users   map[string]bool
	codes   map[string]bool
	notes   map[string]bool
	sources map[string]bool
}

func (c *qdaChecker) noteRefs(what string, refs []string) error {
	for _, g := range refs {
		if !c.notes[g] {
			return fmt.Errorf("%w: %s refers to unknown note %s", ErrInvalidQDA, what, g)
		}
	}
	return nil
}

func validateQDA(p QDAProject) error {
	if p.Name == "" {
		return fmt.Errorf("%w: project name is empty", ErrInvalidQDA)
	}
	c := qdaChecker{seen: map[string]bool{}, users: map[string]bool{}, codes: map[string]bool{}, notes: map[string]bool{}, sources: map[string]bool{}}
	for _, n := range p.Notes {
		if err := c.guid("note "+n.Name, n.GUID); err != nil {
			return err
		}
		if !utf8.ValidString(n.Text) {
			return fmt.Errorf("%w: note %s is not valid UTF-8", ErrInvalidQDA, n.Name)
		}
		c.notes[n.GUID] = true
	}
	for _, u := range p.Users {
		if err := c.guid("user "+u.Name, u.GUID); err != nil {
			return err
		}
		c.users[u.GUID] = true
	}
	if err := c.checkCodes(p.Codes); err != nil {
		return err
	}
	for _, s := range p.Sources {
		if err := c.checkSource(s); err != nil {
			return err
		}
		c.sources[s.GUID] = true
	}
	return c.checkGroups(p)
}

// checkGroups checks cases and sets, which refer to sources and notes.
func (c *qdaChecker) checkGroups(p QDAProject) error {
	for _, k := range p.Cases {
		if err := c.guid("case "+k.Name, k.GUID); err != nil {
			return err
		}
		if err := c.sourceRefs("case "+k.Name, k.SourceGUIDs); err != nil {
			return err
		}
	}
	for _, st := range p.Sets {
		if st.Name == "" {
			return fmt.Errorf("%w: set %s has no name", ErrInvalidQDA, st.GUID)
		}
		if err := c.guid("set "+st.Name, st.GUID); err != nil {
			return err
		}
		if err := c.sourceRefs("set "+st.Name, st.SourceGUIDs); err != nil {
			return err
		}
		if err := c.noteRefs("set "+st.Name, st.NoteGUIDs); err != nil {
			return err
		}
	}
	return nil
}

func (c *qdaChecker) sourceRefs(what string, refs []string) error {
	for _, g := range refs {
		if !c.sources[g] {
			return fmt.Errorf("%w: %s refers to unknown source %s", ErrInvalidQDA, what, g)
		}
	}
	return nil
}

func (c *qdaChecker) guid(what, g string) error {
	if !guidRE.MatchString(g) {
		return fmt.Errorf("%w: %s has GUID %q, not a UUID", ErrInvalidQDA, what, g)
	}
	if c.seen[g] {
		return fmt.Errorf("%w: %s reuses GUID %s", ErrInvalidQDA, what, g)
	}
	c.seen[g] = true
	return nil
}

func (c *qdaChecker) user(what, g string) error {
	if g != "" && !c.users[g] {
		return fmt.Errorf("%w: %s names unknown user %s", ErrInvalidQDA, what, g)
	}
	return nil
}

func (c *qdaChecker) checkCodes(codes []QDACode) error {
	for _, code := range codes {
		if code.Name == "" {
			return fmt.Errorf("%w: code %s has no name", ErrInvalidQDA, code.GUID)
		}
		if err := c.guid("code "+code.Name, code.GUID); err != nil {
			return err
		}
		if code.Color != "" && !colorRE.MatchString(code.Color) {
			return fmt.Errorf("%w: code %s has colour %q, want #RRGGBB", ErrInvalidQDA, code.Name, code.Color)
		}
		c.codes[code.GUID] = true
		if err := c.noteRefs("code "+code.Name, code.NoteRefs); err != nil {
			return err
		}
		if err := c.checkCodes(code.Children); err != nil {
			return err
		}
	}
	return nil
}

func (c *qdaChecker) checkSource(s QDASource) error {
	what := "source " + s.Name
	if err := c.guid(what, s.GUID); err != nil {
		return err
	}
	if err := c.user(what, s.CreatedBy); err != nil {
		return err
	}
	if !utf8.ValidString(s.Text) {
		return fmt.Errorf("%w: %s is not valid UTF-8", ErrInvalidQDA, what)
	}
	if err := c.noteRefs(what, s.NoteRefs); err != nil {
		return err
	}
	n := utf8.RuneCountInString(s.Text)
	for i, sel := range s.Selections {
		sw := what + " selection " + strconv.Itoa(i)
		if err := c.guid(sw, sel.GUID); err != nil {
			return err
		}
		if sel.Start < 0 || sel.End < sel.Start || sel.End > n {
			return fmt.Errorf("%w: %s spans %d–%d outside 0–%d", ErrInvalidQDA, sw, sel.Start, sel.End, n)
		}
		if err := c.user(sw, sel.CreatedBy); err != nil {
			return err
		}
		if err := c.noteRefs(sw, sel.NoteRefs); err != nil {
			return err
		}
		for _, g := range sel.CodeGUIDs {
			if !c.codes[g] {
				return fmt.Errorf("%w: %s refers to unknown code %s", ErrInvalidQDA, sw, g)
			}
		}
	}
	return nil
}
