package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/ingest/qdpx"
	"indsigt/model"
	"indsigt/store"
)

// MaxQDPXBytes bounds an imported .qdpx file, as an upload's body.
const MaxQDPXBytes = MaxUploadBody

// Statuses of an imported item (QDPXItem.Status).
const (
	ItemImported  = "imported"
	ItemReused    = "reused"    // a code: a tag of that name was there
	ItemDuplicate = "duplicate" // a source: the same text was there
	ItemSkipped   = "skipped"   // not imported; Reason says why
	ItemReported  = "reported"  // a case or set: listed, not stored
)

// QDPXReasons are why an item was skipped, for the web app's messages:
// qdpx's own (not_text, external_text, missing_text, not_utf8) and these.
var QDPXReasons = []string{qdpx.NotText, qdpx.ExternalText, qdpx.MissingText, qdpx.NotUTF8,
	"no_text", "too_large", "out_of_range", "invalid", "no_target", "case", "set"}

// QDPXItem is what happened to one object of the file. Name is as stored
// (pseudonymized) or, for what was not stored, with personal data masked.
type QDPXItem struct {
	Kind   string `json:"kind"` // code, source, selection, note, case, set
	Name   string `json:"name"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error,omitempty"` // an English sentence
}

// QDPXImport is the answer of an import: counts and one item per object
// that was not simply imported (and every code and source).
type QDPXImport struct {
	Codes       int        `json:"codes"`
	CodesReused int        `json:"codes_reused"`
	Sources     int        `json:"sources"`
	Notes       int        `json:"notes"`
	Highlights  int        `json:"highlights"`
	Codings     int        `json:"codings"` // whole notes tagged
	Memos       int        `json:"memos"`
	Cases       int        `json:"cases"` // cases linked to sources as participants
	Items       []QDPXItem `json:"items"`
}

// ImportQDPX imports a REFI-QDA project file into the project: text
// sources become sources with a note per paragraph (through the upload's
// write path: pseudonymized, duplicate by content, auto-tagged, indexed),
// codes become tags (an existing tag of the same name, whatever its case,
// is reused), coded selections become highlights or, covering a whole
// paragraph, tags of its note, notes become memos where they point, and
// cases participants of their sources.
// Everything is one transaction: an error writes nothing; what cannot be
// imported (PDF, pictures, audio, video, selections out of range) is an
// item with a reason. Audited as qdpx.import with counts.
func (a *App) ImportQDPX(ctx context.Context, s Scope, data []byte) (QDPXImport, error) {
	if err := s.require(model.PermWrite); err != nil {
		return QDPXImport{}, err
	}
	lim := qdpx.DefaultLimits()
	lim.MaxFileBytes = MaxQDPXBytes
	p, err := qdpx.Read(data, lim)
	if err != nil {
		fe := model.Invalid("file", model.RuleFormat, "%s", err.Error())
		if errors.Is(err, qdpx.ErrTooLarge) {
			fe.Rule = model.RuleRange
		}
		return QDPXImport{}, fe
	}
	var res QDPXImport
	err = a.write(ctx, func(tx *store.Tx) error {
		res = QDPXImport{Items: []QDPXItem{}}
		im := &importer{a: a, s: s, tx: tx, res: &res, codes: map[string]importedCode{}, memoOn: map[string][]memoOn{},
			sourceIDs: map[string]int64{}, selectionSources: map[string]int64{}}
		if err := im.run(ctx, p); err != nil {
			return err
		}
		return audit(ctx, tx, s, "qdpx.import", target("project", s.Project.ID),
			fmt.Sprintf("%d codes (%d reused), %d sources, %d highlights, %d codings, %d memos, %d cases", res.Codes, res.CodesReused, res.Sources, res.Highlights, res.Codings, res.Memos, res.Cases))
	})
	if err != nil {
		return QDPXImport{}, fmt.Errorf("app: import qdpx: %w", err)
	}
	return res, nil
}

// importer carries one import's state inside its transaction.
type importer struct {
	a     *App
	s     Scope
	tx    *store.Tx
	res   *QDPXImport
	codes map[string]importedCode // code GUID → tag
	// memoOn lists, per note GUID, what refers to it: where its memo goes.
	memoOn   map[string][]memoOn
	firstSrc int64
	// sourceIDs and selectionSources map imported sources' and
	// selections' GUIDs to the sources stored, for the cases.
	sourceIDs, selectionSources map[string]int64
}

type importedCode struct {
	id   int64
	name string
}

// memoOn is a memo's place: a memo target, or a highlight. existing
// marks a target that was there before the import (a reused tag), which
// may already carry the memo from an earlier import of the same file.
type memoOn struct {
	target    model.MemoTarget
	highlight int64
	existing  bool
}

func (im *importer) item(kind, name, status, reason, msg string) {
	im.res.Items = append(im.res.Items, QDPXItem{Kind: kind, Name: name, Status: status, Reason: reason, Error: msg})
}

func (im *importer) run(ctx context.Context, p *qdpx.Project) error {
	if err := im.codeTree(ctx, p.Codes, nil); err != nil {
		return err
	}
	for _, src := range p.Sources {
		if err := im.source(ctx, src); err != nil {
			return err
		}
	}
	for _, g := range p.NoteRefs {
		im.memoOn[g] = append(im.memoOn[g], memoOn{}) // the project's: on the first source
	}
	if err := im.memos(ctx, p.Notes); err != nil {
		return err
	}
	if err := im.cases(ctx, p.Cases); err != nil {
		return err
	}
	for _, st := range p.Sets {
		im.item("set", ingest.MaskName(st.Name), ItemReported, "set", "sets are not imported")
	}
	return nil
}

// typed passes imported text through the door for typed text: the same
// pseudonymizer, with the project's codes.
func (im *importer) typed(ctx context.Context, text string) (string, error) {
	return im.a.typed(ctx, im.tx, im.s, strings.TrimSpace(qdpx.Tidy(strings.ToValidUTF8(text, "\uFFFD"))))
}

func (im *importer) codeTree(ctx context.Context, codes []qdpx.Code, parent *int64) error {
	for _, c := range codes {
		id, err := im.code(ctx, c, parent)
		if err != nil {
			return err
		}
		var p *int64
		if id != 0 {
			p = &id
		}
		if err := im.codeTree(ctx, c.Children, p); err != nil {
			return err
		}
	}
	return nil
}

// code makes a tag of a code, or reuses the tag of its name; 0 when the
// code cannot be a tag.
func (im *importer) code(ctx context.Context, c qdpx.Code, parent *int64) (int64, error) {
	name, err := im.typed(ctx, c.Name)
	if err != nil {
		return 0, err
	}
	if err := model.TagName(name); err != nil {
		im.item("code", ingest.MaskName(truncate(c.Name, 100)), ItemSkipped, "invalid", err.Error())
		return 0, nil
	}
	id, err := im.tx.TagID(ctx, im.s.Project.ID, name)
	switch {
	case err == nil:
		im.res.CodesReused++
		im.item("code", name, ItemReused, "", "")
	case errors.Is(err, model.ErrNotFound):
		if id, err = im.newTag(ctx, c, name, parent); err != nil || id == 0 {
			return 0, err
		}
		im.res.Codes++
		im.item("code", name, ItemImported, "", "")
	default:
		return 0, err
	}
	im.codes[c.GUID] = importedCode{id: id, name: name}
	im.memosGo(c.NoteRefs, memoOn{target: model.MemoTarget{Kind: "tag", ID: id}, existing: err == nil})
	return id, nil
}

func (im *importer) newTag(ctx context.Context, c qdpx.Code, name string, parent *int64) (int64, error) {
	desc, err := im.typed(ctx, c.Description)
	if err != nil {
		return 0, err
	}
	t := model.Tag{ProjectID: im.s.Project.ID, ParentID: parent, Name: name, Description: truncate(desc, 1000), Color: longColor(c.Color)}
	t, err = im.tx.CreateTag(ctx, t, im.s.userID())
	if _, bad := model.AsFieldError(err); bad {
		im.item("code", name, ItemSkipped, "invalid", err.Error())
		return 0, nil
	}
	return t.ID, err
}

// longColor writes a colour as #RRGGBB, as the codebook keeps it; a colour
// the codebook cannot keep is dropped.
func longColor(c string) string {
	c = strings.TrimSpace(c)
	if len(c) == 4 && c[0] == '#' {
		c = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if (model.Tag{Name: "x", Color: c}).Validate() != nil {
		return ""
	}
	return strings.ToLower(c)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// source imports a text source with its selections.
func (im *importer) source(ctx context.Context, src qdpx.Source) error {
	if src.Unsupported != "" {
		im.item("source", ingest.MaskName(src.Name), ItemSkipped, src.Unsupported, unsupportedText[src.Unsupported])
		return nil
	}
	text := qdpx.Tidy(src.Text)
	paras := qdpx.Paragraphs(text, im.noteBytes())
	if len(paras) == 0 {
		im.item("source", ingest.MaskName(src.Name), ItemSkipped, "no_text", "the source has no text")
		return nil
	}
	if msg := im.tooLarge(text, paras); msg != "" {
		im.item("source", ingest.MaskName(src.Name), ItemSkipped, "too_large", msg)
		return nil
	}
	doc := &parse.Document{Format: "qdpx", Meta: parse.Meta{Title: truncate(strings.TrimSpace(src.Name), 200)}}
	for i, p := range paras {
		doc.Segments = append(doc.Segments, parse.Segment{Position: i, Text: p.Text, StartMS: -1, EndMS: -1})
	}
	name := doc.Meta.Title
	if name == "" {
		name = "qdpx-" + src.GUID
	}
	w, err := im.a.Ingest.Document(ctx, im.tx, im.s.Project, name, []byte(text), doc, ingest.Options{UserID: im.s.userID()})
	if err != nil {
		return err
	}
	if w.Duplicate {
		im.item("source", w.Source.Title, ItemDuplicate, "", "already in this project (same text); its codings were not imported again")
		return nil
	}
	im.res.Sources++
	im.res.Notes += len(w.Notes)
	im.item("source", w.Source.Title, ItemImported, "", "")
	if im.firstSrc == 0 {
		im.firstSrc = w.Source.ID
	}
	im.sourceIDs[src.GUID] = w.Source.ID
	for _, sel := range src.Selections {
		im.selectionSources[sel.GUID] = w.Source.ID
	}
	im.memosGo(src.NoteRefs, memoOn{target: model.MemoTarget{Kind: "source", ID: w.Source.ID}})
	ts := &textSource{paras: paras, notes: w.Notes, runes: utf8.RuneCountInString(text)}
	if err := im.codeNotes(ctx, noteIDs(w.Notes), src.CodeRefs); err != nil {
		return err
	}
	for _, sel := range src.Selections {
		if err := im.selection(ctx, ts, sel); err != nil {
			return err
		}
	}
	return nil
}

var unsupportedText = map[string]string{
	qdpx.NotText:      "only text sources can be imported (not PDF, pictures, audio or video)",
	qdpx.ExternalText: "the source's text is not inside the file",
	qdpx.MissingText:  "the source's text file is missing from the file",
	qdpx.NotUTF8:      "the source's text is not UTF-8",
}

// tooLarge applies an upload's limits on notes per file and word length
// (a longer word would be a note no search can use).
func (im *importer) tooLarge(text string, paras []qdpx.Paragraph) string {
	lim := im.a.Ingest.Limits()
	maxNotes, maxWord := lim.MaxNotesPerFile, lim.MaxWordBytes
	def := parse.DefaultLimits()
	if maxNotes <= 0 {
		maxNotes = def.MaxNotesPerFile
	}
	if maxWord <= 0 {
		maxWord = def.MaxWordBytes
	}
	if len(paras) > maxNotes {
		return fmt.Sprintf("the source has %d paragraphs, more than the limit of %d notes", len(paras), maxNotes)
	}
	for _, w := range strings.Fields(text) {
		if len(w) > maxWord {
			return fmt.Sprintf("the source has a word of more than %d bytes", maxWord)
		}
	}
	return ""
}

func (im *importer) noteBytes() int {
	if n := im.a.Ingest.Limits().MaxNoteBytes; n > 0 {
		return n
	}
	return parse.DefaultLimits().MaxNoteBytes
}

func noteIDs(ns []*model.Note) []int64 {
	ids := make([]int64, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return ids
}

// tagNames are the tags of the codes referred to; unknown codes are left out.
func (im *importer) tagNames(refs []string) []string {
	var out []string
	for _, g := range refs {
		if c, ok := im.codes[g]; ok {
			out = append(out, c.name)
		}
	}
	return out
}

// codeNotes tags whole notes with the codes referred to.
func (im *importer) codeNotes(ctx context.Context, ids []int64, refs []string) error {
	names := im.tagNames(refs)
	if len(names) == 0 || len(ids) == 0 {
		return nil
	}
	im.res.Codings += len(ids) * len(names)
	return im.tx.TagNotes(ctx, im.s.Project.ID, ids, names, im.s.userID())
}
