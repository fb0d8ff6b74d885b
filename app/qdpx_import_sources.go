package app

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/ingest/qdpx"
	"indsigt/model"
)

// source imports a text source with its selections.
func (im *importer) source(ctx context.Context, src qdpx.Source) error {
	text, paras, ok := im.readable(src)
	if !ok {
		return nil
	}
	w, err := im.store(ctx, src, text, paras)
	if err != nil || w.Duplicate {
		return err
	}
	im.res.Sources++
	im.res.Notes += len(w.Notes)
	im.item("source", w.Source.Title, ItemImported, "", "")
	if im.firstSrc == 0 {
		im.firstSrc = w.Source.ID
	}
	im.sourceIDs[src.GUID] = w.Source.ID
	im.memosGo(src.NoteRefs, memoOn{target: model.MemoTarget{Kind: "source", ID: w.Source.ID}})
	if err := im.codeNotes(ctx, noteIDs(w.Notes), src.CodeRefs); err != nil {
		return err
	}
	ts := &textSource{paras: paras, notes: w.Notes, runes: utf8.RuneCountInString(text)}
	for _, sel := range src.Selections {
		im.selectionSources[sel.GUID] = w.Source.ID
		if err := im.selection(ctx, ts, sel); err != nil {
			return err
		}
	}
	return nil
}

// readable gives a source's text and paragraphs, or reports why it cannot
// be imported.
func (im *importer) readable(src qdpx.Source) (string, []qdpx.Paragraph, bool) {
	skip := func(reason, msg string) (string, []qdpx.Paragraph, bool) {
		im.item("source", ingest.MaskName(src.Name), ItemSkipped, reason, msg)
		return "", nil, false
	}
	if src.Unsupported != "" {
		return skip(src.Unsupported, unsupportedText[src.Unsupported])
	}
	text := qdpx.Tidy(src.Text)
	paras := qdpx.Paragraphs(text, im.noteBytes())
	if len(paras) == 0 {
		return skip("no_text", "the source has no text")
	}
	if msg := im.tooLarge(text, paras); msg != "" {
		return skip("too_large", msg)
	}
	return text, paras, true
}

// store writes the source through the upload's write path, a note per
// paragraph; a duplicate is reported and written nothing.
func (im *importer) store(ctx context.Context, src qdpx.Source, text string, paras []qdpx.Paragraph) (ingest.Written, error) {
	doc := &parse.Document{Format: "qdpx", Meta: parse.Meta{Title: truncate(strings.TrimSpace(src.Name), 200)}}
	for i, p := range paras {
		doc.Segments = append(doc.Segments, parse.Segment{Position: i, Text: p.Text, StartMS: -1, EndMS: -1})
	}
	name := doc.Meta.Title
	if name == "" {
		name = "qdpx-" + src.GUID
	}
	w, err := im.a.Ingest.Document(ctx, im.tx, im.s.Project, name, []byte(text), doc, ingest.Options{UserID: im.s.userID()})
	if err == nil && w.Duplicate {
		im.item("source", w.Source.Title, ItemDuplicate, "", "already in this project (same text); its codings were not imported again")
	}
	return w, err
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
