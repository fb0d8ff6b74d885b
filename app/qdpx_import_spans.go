package app

import (
	"context"
	"fmt"
	"unicode/utf8"

	"indsigt/ingest"
	"indsigt/ingest/qdpx"
	"indsigt/model"
	"indsigt/store"
)

// textSource is an imported source's text as split into notes: paragraph
// i is note i, and paragraph offsets count characters of the source text.
type textSource struct {
	paras []qdpx.Paragraph
	notes []*model.Note
	runes int
}

// selection places a coded span of the source on the notes it covers:
// a span covering a whole paragraph tags its note (a whole-note coding, as
// indsigt exports them), any other a highlight, its offsets moved through
// the note's pseudonymization. A span across paragraphs gives one piece
// per note.
func (im *importer) selection(ctx context.Context, ts *textSource, sel qdpx.Selection) error {
	name := ingest.MaskName(sel.Name)
	if sel.Start < 0 || sel.End <= sel.Start || sel.End > ts.runes {
		im.item("selection", name, ItemSkipped, "out_of_range", fmt.Sprintf("spans %d–%d, outside the source's %d characters", sel.Start, sel.End, ts.runes))
		return nil
	}
	names := im.tagNames(sel.CodeRefs)
	placed := false
	for i, p := range ts.paras {
		if p.End <= sel.Start || p.Start >= sel.End {
			continue
		}
		placed = true
		note := ts.notes[i]
		ls, le := max(sel.Start, p.Start)-p.Start, min(sel.End, p.End)-p.Start
		if ls == 0 && le == utf8.RuneCountInString(p.Text) {
			if err := im.codeNotes(ctx, []int64{note.ID}, sel.CodeRefs); err != nil {
				return err
			}
			im.memosGo(sel.NoteRefs, memoOn{target: model.MemoTarget{Kind: "note", ID: note.ID}})
			continue
		}
		if err := im.highlight(ctx, note, p.Text, ls, le, names, sel); err != nil {
			return err
		}
	}
	if !placed {
		im.item("selection", name, ItemSkipped, "out_of_range", "the span covers only white space between paragraphs")
	}
	return nil
}

func (im *importer) highlight(ctx context.Context, note *model.Note, old string, ls, le int, names []string, sel qdpx.Selection) error {
	s, e, ok := newPseudonymMap(old, note.Text).span(ls, le)
	if !ok {
		im.item("selection", ingest.MaskName(sel.Name), ItemSkipped, "out_of_range", "nothing of the span is left after pseudonymization")
		return nil
	}
	h, err := im.tx.CreateHighlight(ctx, im.s.Project.ID, note.ID, s, e, im.s.userID())
	if fe, bad := model.AsFieldError(err); bad {
		im.item("selection", ingest.MaskName(sel.Name), ItemSkipped, "out_of_range", fe.Msg)
		return nil
	}
	if err != nil {
		return err
	}
	if len(names) > 0 {
		if err := im.tx.TagHighlight(ctx, im.s.Project.ID, h.ID, names, im.s.userID()); err != nil {
			return err
		}
	}
	im.res.Highlights++
	im.memosGo(sel.NoteRefs, memoOn{highlight: h.ID})
	return nil
}

func (im *importer) memosGo(refs []string, on memoOn) {
	for _, g := range refs {
		im.memoOn[g] = append(im.memoOn[g], on)
	}
}

// memos writes each note as a memo on everything that refers to it; the
// project's own notes and notes nothing refers to go on the first
// imported source, or are skipped when no source was imported.
func (im *importer) memos(ctx context.Context, notes []qdpx.Note) error {
	for _, n := range notes {
		ons := im.memoOn[n.GUID]
		if len(ons) == 0 {
			ons = []memoOn{{}}
		}
		body, err := im.typed(ctx, n.Text)
		if err != nil {
			return err
		}
		if err := model.ValidateMemo(body); err != nil {
			im.item("note", ingest.MaskName(n.Name), ItemSkipped, "invalid", err.Error())
			continue
		}
		for _, on := range ons {
			if err := im.memo(ctx, n, body, on); err != nil {
				return err
			}
		}
	}
	return nil
}

func (im *importer) memo(ctx context.Context, n qdpx.Note, body string, on memoOn) error {
	if on.existing {
		had, err := im.hasMemo(ctx, on.target, body)
		if err != nil || had {
			return err
		}
	}
	var err error
	switch {
	case on.highlight != 0:
		_, err = im.tx.CreateHighlightMemo(ctx, im.s.Project.ID, on.highlight, body, im.s.userID())
	case on.target.Kind != "":
		_, err = im.tx.CreateMemo(ctx, im.s.Project.ID, on.target, body, im.s.userID())
	case im.firstSrc != 0:
		_, err = im.tx.CreateMemo(ctx, im.s.Project.ID, model.MemoTarget{Kind: "source", ID: im.firstSrc}, body, im.s.userID())
	default:
		im.item("note", ingest.MaskName(n.Name), ItemSkipped, "no_target", "a memo on the whole project needs an imported source to go on")
		return nil
	}
	if err == nil {
		im.res.Memos++
	}
	return err
}

// hasMemo reports whether a target that existed before the import already
// carries a memo with this text (the same file imported again). It reads
// committed memos only, which is all such a target can have.
func (im *importer) hasMemo(ctx context.Context, on model.MemoTarget, body string) (bool, error) {
	ms, err := im.a.Store.Memos(ctx, im.s.Project.ID, store.MemoFilter{Target: &on})
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.Body == body {
			return true, nil
		}
	}
	return false, nil
}
