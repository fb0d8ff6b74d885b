package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/server"
)

// SearchItem is one hit in the API's answer.
type SearchItem struct {
	NoteID      string    `json:"note_id"`
	SourceID    string    `json:"source_id"`
	SourceTitle string    `json:"source_title"`
	Snippet     string    `json:"snippet"`
	Tags        []string  `json:"tags"`
	Score       float64   `json:"score"`
	Participant string    `json:"participant"`
	SourceKind  string    `json:"source_kind"`
	Date        time.Time `json:"date"`
	// Highlights of the note; matched marks those with a searched tag.
	Highlights []search.HitHighlight `json:"highlights"`
}

// SearchAnswer is the shape of GET …/search and of `indsigt search --json`.
type SearchAnswer struct {
	Total uint64 `json:"total"`
	// TotalAtLeast: total is a lower bound (the search stopped counting
	// once the page was certain); left out when total is exact.
	TotalAtLeast bool                     `json:"total_at_least,omitempty"`
	Items        []SearchItem             `json:"items"`
	Facets       map[string][]FacetAnswer `json:"facets"`
	NextCursor   string                   `json:"next_cursor"`
}

// FacetAnswer is one facet value with its count.
type FacetAnswer struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// NewSearchAnswer converts a search result to the API shape.
func NewSearchAnswer(r *search.Result) SearchAnswer {
	a := SearchAnswer{Total: r.Total, TotalAtLeast: r.TotalAtLeast, Items: make([]SearchItem, 0, len(r.Hits)), Facets: map[string][]FacetAnswer{}, NextCursor: r.NextCursor}
	for _, h := range r.Hits {
		tags := h.Tags
		if tags == nil {
			tags = []string{}
		}
		hls := h.Highlights
		if hls == nil {
			hls = []search.HitHighlight{}
		}
		a.Items = append(a.Items, SearchItem{NoteID: h.NoteID, SourceID: h.SourceID, SourceTitle: h.SourceTitle, Snippet: h.Snippet,
			Tags: tags, Score: h.Score, Participant: h.Participant, SourceKind: h.SourceKind, Date: h.Date, Highlights: hls})
	}
	for k, fs := range r.Facets {
		for _, f := range fs {
			a.Facets[k] = append(a.Facets[k], FacetAnswer{Term: f.Term, Count: f.Count})
		}
	}
	return a
}

func (h *handlers) search(c *gin.Context) {
	req, err := app.ParseSearch(c.Request.URL.Query())
	if err != nil {
		h.failErr(c, err)
		return
	}
	res, err := h.App.Search(c.Request.Context(), server.MustScope(c), req)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, NewSearchAnswer(res))
}

func (h *handlers) similar(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	hits, err := h.App.Similar(c.Request.Context(), server.MustScope(c), model.FormatID(id), 10)
	h.reply(c, http.StatusOK, NewSearchAnswer(&search.Result{Total: uint64(len(hits)), Hits: hits}), err)
}

// suggestionsWait is how long the API waits for a project's clustering:
// unlike the board, a client has no page that asks again.
const suggestionsWait = 2 * time.Minute

// suggestions clusters the project's notes (or with ?of=highlights its
// highlights), or those of a search (q, tag and the other search
// parameters) when one is given.
func (h *handlers) suggestions(c *gin.Context) {
	in := app.SuggestRequest{Wait: suggestionsWait, Of: c.Query("of")}
	if q := c.Request.URL.Query(); q.Get("q") != "" || len(q["tag"]) > 0 {
		req, err := app.ParseSearch(q)
		if err != nil {
			h.failErr(c, err)
			return
		}
		in.Search = &req
	}
	sg, err := h.App.Suggestions(c.Request.Context(), server.MustScope(c), in)
	h.reply(c, http.StatusOK, Page[search.Suggestion]{Items: sg.Items}, err)
}
