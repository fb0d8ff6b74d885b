package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/server"
)

// Bounds of the board, so a large project still renders quickly.
const (
	maxCards     = 20
	maxCardNotes = 10
)

type boardView struct {
	Query    string
	Of       string // "highlights" clusters the coded spans instead of the notes
	Cards    []cardView
	Insights []model.Insight
	Moves    []string // the m parameters in force, kept by every move form
	NotReady bool
	Error    string // why the search that limits the board failed
	// Computing means the project's first clustering still runs; the page asks again.
	Computing bool
}

type cardView struct {
	Key          int
	Label        []string
	Title        string
	Statement    []string // label words for the default statement
	Notes        []model.Note
	Highlights   []model.Highlight // the card's spans, when highlights are clustered
	Hidden       int
	Participants int
	Sources      int
	Targets      []int // other cards a note can move to
}

func (h *handlers) board(c *gin.Context) {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	v := boardView{Query: c.Query("q"), Moves: c.QueryArray("m")}
	if c.Query("of") == "highlights" {
		v.Of = "highlights"
	}
	in := app.SuggestRequest{Of: v.Of}
	if v.Query != "" {
		in.Search = &search.Request{Query: v.Query}
	}
	sugg, err := h.App.Suggestions(ctx, sc, in)
	switch {
	case errors.Is(err, app.ErrIndexNotReady):
		v.NotReady = true
	case errors.Is(err, search.ErrInvalidQuery):
		v.Error = server.Message(err)
	case err != nil:
		h.failErr(c, err)
		return
	}
	v.Computing = sugg.Computing
	if v.Insights, err = h.App.Insights(ctx, sc, ""); err != nil {
		h.failErr(c, err)
		return
	}
	v.Cards = applyMoves(cards(sugg.Items, c.GetString(keyLang)), v.Moves)
	h.render(c, http.StatusOK, "board", h.base(c, "board.title", "board"), v)
}

func cards(sugg []search.Suggestion, lang string) []cardView {
	n := min(len(sugg), maxCards)
	out := make([]cardView, n)
	for i := range n {
		s := sugg[i]
		out[i] = cardView{Key: i, Label: s.Label, Title: cardTitle(s.Label), Notes: s.Notes,
			Statement: s.Label[:min(len(s.Label), statementWords)], Highlights: s.Highlights,
			Participants: s.Participants, Sources: s.Sources}
	}
	for i := range out {
		for j := range out {
			if i != j {
				out[i].Targets = append(out[i].Targets, j)
			}
		}
	}
	return out
}

// statementWords is how many label words the default statement names;
// four read as a list, not a sentence.
const statementWords = 3

// andList joins words as a sentence does: "a", "a og b", "a, b og c".
func andList(words []string, and string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

// cardTitle prefills an insight's title from the cluster's label terms.
func cardTitle(label []string) string {
	s := strings.Join(label, ", ")
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// applyMoves moves notes between cards as asked by "noteID-card" values;
// the board itself is recomputed on every request, so moves travel in the URL.
func applyMoves(cs []cardView, moves []string) []cardView {
	for _, m := range moves {
		a, b, ok := strings.Cut(m, "-")
		nid, err1 := model.ParseID("move", a)
		to, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || to < 0 || to >= len(cs) {
			continue
		}
		for i := range cs {
			for j, n := range cs[i].Notes {
				if n.ID == nid && i != to {
					cs[i].Notes = append(cs[i].Notes[:j:j], cs[i].Notes[j+1:]...)
					cs[to].Notes = append(cs[to].Notes, n)
					break
				}
			}
		}
	}
	for i := range cs {
		if len(cs[i].Notes) > maxCardNotes {
			cs[i].Hidden = len(cs[i].Notes) - maxCardNotes
			cs[i].Notes = cs[i].Notes[:maxCardNotes]
		}
	}
	return cs
}

// evidenceIDs reads the notes (note_id) and highlights (highlight_id) a
// form puts on an insight.
func evidenceIDs(c *gin.Context) (notes, highlights []int64, err error) {
	if notes, err = model.ParseIDs("note_id", c.PostFormArray("note_id"), app.MaxEvidenceNotes); err == nil {
		highlights, err = model.ParseIDs("highlight_id", c.PostFormArray("highlight_id"), app.MaxEvidenceNotes)
	}
	return notes, highlights, err
}

func (h *handlers) createInsight(c *gin.Context) {
	ids, hids, err := evidenceIDs(c)
	if err != nil {
		h.failErr(c, err)
		return
	}
	p := mustProject(c)
	in, err := h.App.CreateInsight(c.Request.Context(), server.MustScope(c), app.NewInsight{Title: c.PostForm("title"), Statement: c.PostForm("statement"), NoteIDs: ids, HighlightIDs: hids})
	if err != nil {
		if page := h.newInsightPage(c.PostForm("from")); page != nil {
			h.invalid(c, formNewInsight, err, page)
			return
		}
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/insights/%d", p.Slug, in.ID))
}

// addEvidence links a note to an insight, from the board ("add to
// insight") or the insight page; insight_id may come from the form.
func (h *handlers) addEvidence(c *gin.Context) {
	nid, err := model.ParseID("note_id", c.PostForm("note_id"))
	iid, ok := idParam(c, "id")
	if !ok && err == nil {
		iid, err = model.ParseID("insight_id", c.PostForm("insight_id"))
	}
	if err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "note_id, insight_id")
		return
	}
	stance, err := model.ParseStance(c.PostForm("stance"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	p := mustProject(c)
	if err := h.App.AddEvidence(c.Request.Context(), server.MustScope(c), iid, nid, stance); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("back"), fmt.Sprintf("/p/%s/insights/%d", p.Slug, iid)))
}
