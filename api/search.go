package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/search"
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
}

// SearchAnswer is the shape of GET …/search and of `indsigt search --json`.
type SearchAnswer struct {
	Total      uint64                   `json:"total"`
	Items      []SearchItem             `json:"items"`
	Facets     map[string][]FacetAnswer `json:"facets"`
	NextCursor string                   `json:"next_cursor"`
}

// FacetAnswer is one facet value with its count.
type FacetAnswer struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// NewSearchAnswer converts a search result to the API shape.
func NewSearchAnswer(r *search.Result) SearchAnswer {
	a := SearchAnswer{Total: r.Total, Items: make([]SearchItem, 0, len(r.Hits)), Facets: map[string][]FacetAnswer{}, NextCursor: r.NextCursor}
	for _, h := range r.Hits {
		tags := h.Tags
		if tags == nil {
			tags = []string{}
		}
		a.Items = append(a.Items, SearchItem{NoteID: h.NoteID, SourceID: h.SourceID, SourceTitle: h.SourceTitle, Snippet: h.Snippet,
			Tags: tags, Score: h.Score, Participant: h.Participant, SourceKind: h.SourceKind, Date: h.Date})
	}
	for k, fs := range r.Facets {
		for _, f := range fs {
			a.Facets[k] = append(a.Facets[k], FacetAnswer{Term: f.Term, Count: f.Count})
		}
	}
	return a
}

// SearchRequest reads the search parameters shared by the API and the UI.
func SearchRequest(c *gin.Context) (search.Request, error) {
	r := search.Request{Query: c.Query("q"), Tags: c.QueryArray("tag"), SourceKind: c.Query("source_kind"), Participant: c.Query("participant"),
		Phase: c.Query("phase"), Sort: c.Query("sort"), Cursor: c.Query("cursor"), Facets: c.Query("facets") != "false"}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return r, errors.New("limit must be a number from 1 to 200")
		}
		r.Limit = n
	}
	for _, d := range []struct {
		key string
		dst *time.Time
	}{{"from", &r.From}, {"to", &r.To}} {
		if v := c.Query(d.key); v != "" {
			t, err := model.ParseDate(v)
			if err != nil {
				return r, err
			}
			*d.dst = t
		}
	}
	return r, nil
}

func (h *handlers) search(c *gin.Context) {
	req, err := SearchRequest(c)
	if err != nil {
		fail(c, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	ix := h.index(c)
	if ix == nil {
		return
	}
	p := mustProject(c)
	res, err := ix.Search(strconv.FormatInt(p.ID, 10), req)
	if err != nil {
		h.searchErr(c, err)
		return
	}
	// The query itself may name people, so the audit log keeps only that a search happened.
	_ = h.Store.Audit(c.Request.Context(), mustUser(c).ID, p.ID, "search", "notes", "")
	c.JSON(http.StatusOK, NewSearchAnswer(res))
}

func (h *handlers) similar(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ix := h.index(c)
	if ix == nil {
		return
	}
	hits, err := ix.MoreLikeThis(strconv.FormatInt(mustProject(c).ID, 10), strconv.FormatInt(id, 10), 10)
	if err != nil {
		h.searchErr(c, err)
		return
	}
	c.JSON(http.StatusOK, NewSearchAnswer(&search.Result{Total: uint64(len(hits)), Hits: hits}))
}

func (h *handlers) searchErr(c *gin.Context, err error) {
	switch {
	case errors.Is(err, search.ErrInvalidQuery), errors.Is(err, search.ErrBadCursor):
		fail(c, http.StatusBadRequest, "invalid_query", err.Error())
	case errors.Is(err, search.ErrNotFound):
		fail(c, http.StatusNotFound, "not_found", "no such note")
	default:
		h.failErr(c, err)
	}
}

// index returns the search index, or answers 503 while it is being built.
func (h *handlers) index(c *gin.Context) *search.Index {
	var ix *search.Index
	if h.Indexer != nil {
		ix = h.Indexer.Index()
	}
	if ix == nil {
		c.Header("Retry-After", "5")
		fail(c, http.StatusServiceUnavailable, "index_not_ready", "the search index is being built; try again in a moment")
	}
	return ix
}
