package ui

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// Highlights in the transcript: a span of a note's text, selected with the
// mouse or the keyboard (static/highlights.js) or typed as start and end
// into the note's form, is tagged through app.CreateHighlight. The note's
// text is rendered as pieces, each piece a run of text covered by the same
// highlights, so that the text content of the rendered element is the
// stored text exactly and the browser can count offsets in it.

func (h *handlers) highlightRoutes(p *gin.RouterGroup) {
	p.POST("/sources/:id/highlights", h.checkCSRF, h.require(permWrite), h.createHighlight)
	p.POST("/highlights/:hid/tags", h.checkCSRF, h.require(permWrite), h.tagHighlight)
	p.POST("/highlights/:hid/untag", h.checkCSRF, h.require(permWrite), h.untagHighlight)
	p.POST("/highlights/:hid/delete", h.checkCSRF, h.require(permWrite), h.deleteHighlight)
}

// textPiece is a run of a note's text and the highlights covering it.
type textPiece struct {
	Text  string
	IDs   string // the covering highlights' ids, "3 7"; empty: plain text
	Title string // their tags, for the mark's tooltip
}

// pieces cuts text at every start and end of hs (offsets in code points).
func pieces(text string, hs []model.Highlight) []textPiece {
	runes := []rune(text)
	cuts := map[int]bool{0: true, len(runes): true}
	for _, h := range hs {
		cuts[clamp(h.Start, len(runes))], cuts[clamp(h.End, len(runes))] = true, true
	}
	var out []textPiece
	for a := 0; a < len(runes); {
		b := a + 1
		for !cuts[b] {
			b++
		}
		p := textPiece{Text: string(runes[a:b])}
		var ids, tags []string
		for _, h := range hs {
			if h.Start <= a && h.End >= b {
				ids = append(ids, model.FormatID(h.ID))
				tags = append(tags, h.Tags...)
			}
		}
		p.IDs, p.Title = strings.Join(ids, " "), strings.Join(tags, ", ")
		out = append(out, p)
		a = b
	}
	return out
}

func clamp(i, n int) int { return max(0, min(i, n)) }

// highlightRow is a highlight listed under its note, with its memos.
type highlightRow struct {
	model.Highlight
	Memos *memoBlock
	Add   *addView // "add to insight" for the span; nil without write access
}

// highlightForm is a note's "Tag markering" form: empty, or as typed when
// it came back invalid, with a message per field.
type highlightForm struct {
	Start, End, Tags string
	StartErr, EndErr string
	TagsErr          string
	Open             bool
}

func highlightFormID(noteID int64) string { return fmt.Sprintf("hl-%d", noteID) }

func newHighlightForm(b base, noteID int64) highlightForm {
	id := highlightFormID(noteID)
	f := highlightForm{Start: b.FormValue(id, "start", ""), End: b.FormValue(id, "end", ""), Tags: b.FormValue(id, "tags", ""),
		StartErr: b.FieldError(id, "start"), EndErr: b.FieldError(id, "end"), TagsErr: b.FieldError(id, "tags")}
	f.Open = f.StartErr != "" || f.EndErr != "" || f.TagsErr != ""
	return f
}

// byNote groups highlights by their note.
func byNote(hs []model.Highlight) map[int64][]model.Highlight {
	return groupBy(hs, func(h model.Highlight) int64 { return h.NoteID })
}

// groupBy groups vs by their key, each group in the order of vs.
func groupBy[K comparable, V any](vs []V, key func(V) K) map[K][]V {
	out := map[K][]V{}
	for _, v := range vs {
		out[key(v)] = append(out[key(v)], v)
	}
	return out
}

// splitTags reads a comma-separated tags field.
func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// formOffset reads a span offset field as a number.
func formOffset(c *gin.Context, field string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(c.PostForm(field)))
	if err != nil {
		return 0, model.Invalid(field, model.RuleNumber, "%s must be a number", field)
	}
	return n, nil
}

// createHighlight tags a span of a note of the source; htmx gets the note's
// row back, a plain form the transcript at the note. An invalid span comes
// back with the message next to its field.
func (h *handlers) createHighlight(c *gin.Context) {
	noteID, err := model.ParseID("note_id", c.PostForm("note_id"))
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "note_id")
		return
	}
	in := app.NewHighlight{NoteID: noteID, Tags: splitTags(c.PostForm("tags"))}
	in.Start, err = formOffset(c, "start")
	if err == nil {
		in.End, err = formOffset(c, "end")
	}
	if err == nil {
		_, err = h.App.CreateHighlight(c.Request.Context(), server.MustScope(c), in)
	}
	if _, ok := model.AsFieldError(err); ok {
		page := h.source
		if c.GetHeader("HX-Request") == "true" {
			page = func(c *gin.Context) { h.noteAgain(c, noteID) }
		}
		h.invalid(c, highlightFormID(noteID), err, page)
		return
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.noteAgain(c, noteID)
}

func (h *handlers) tagHighlight(c *gin.Context) {
	h.changeHighlight(c, func(ctx context.Context, sc app.Scope, id int64) (model.Highlight, error) {
		return h.App.TagHighlight(ctx, sc, id, splitTags(c.PostForm("tags")))
	})
}

func (h *handlers) untagHighlight(c *gin.Context) {
	h.changeHighlight(c, func(ctx context.Context, sc app.Scope, id int64) (model.Highlight, error) {
		return h.App.UntagHighlight(ctx, sc, id, c.PostForm("tag"))
	})
}

// changeHighlight runs a change of the highlight in the path and answers
// with its note.
func (h *handlers) changeHighlight(c *gin.Context, change func(context.Context, app.Scope, int64) (model.Highlight, error)) {
	if hl, ok := byID(h, c, "hid", change); ok {
		h.noteAgain(c, hl.NoteID)
	}
}

// deleteHighlight removes a highlight; note_id names the row to show again.
func (h *handlers) deleteHighlight(c *gin.Context) {
	id, ok := idParam(c, "hid")
	noteID, err := model.ParseID("note_id", c.PostForm("note_id"))
	if !ok || err != nil {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	if err := h.App.DeleteHighlight(c.Request.Context(), server.MustScope(c), id); err != nil {
		h.failErr(c, err)
		return
	}
	h.noteAgain(c, noteID)
}

// noteAgain answers a change to a note's highlights with the note.
func (h *handlers) noteAgain(c *gin.Context, noteID int64) {
	n, err := h.App.ReadNote(c.Request.Context(), server.MustScope(c), noteID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.noteDone(c, n)
}
