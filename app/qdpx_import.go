package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"indsigt/ingest"
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
