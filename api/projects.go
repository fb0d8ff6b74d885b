package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// Page is the shape of every list answer.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// pageParams reads ?limit=&cursor= where the cursor is the last id seen.
func pageParams(c *gin.Context) (cursor int64, limit int, ok bool) {
	limit = app.DefaultPageSize
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > app.MaxPageSize {
			invalid(c, "limit", "limit must be a number from 1 to 500")
			return 0, 0, false
		}
		limit = n
	}
	cursor, err := model.ParseOptionalID("cursor", c.Query("cursor"))
	if err != nil {
		invalid(c, "cursor", server.Message(err))
		return 0, 0, false
	}
	return cursor, limit, true
}

// pageOf is a list answer paged by id: the next cursor is the last item's
// id when the page is full, else empty.
func pageOf[T any](items []T, limit int, id func(T) int64) Page[T] {
	p := Page[T]{Items: items}
	if n := len(items); n > 0 && n >= limit {
		p.NextCursor = model.FormatID(id(items[n-1]))
	}
	return p
}

func (h *handlers) listProjects(c *gin.Context) {
	after, limit, ok := pageParams(c)
	if !ok {
		return
	}
	ps, err := h.App.Projects(c.Request.Context(), server.Actor(c), after, limit)
	h.reply(c, http.StatusOK, pageOf(ps, limit, func(p model.Project) int64 { return p.ID }), err)
}

type projectIn struct {
	Slug          string `json:"slug"`
	Name          string `json:"name"`
	Purpose       string `json:"purpose"`
	RetentionDays int    `json:"retention_days"`
	// Codebook is "starter" for the seeds' codebook, else the project starts empty.
	Codebook string `json:"codebook"`
}

func (h *handlers) createProject(c *gin.Context) {
	var in projectIn
	if !bindJSON(c, &in) {
		return
	}
	p, err := h.App.CreateProject(c.Request.Context(), server.Actor(c), app.NewProject{Slug: in.Slug, Name: in.Name, Purpose: in.Purpose, RetentionDays: in.RetentionDays,
		Starter: in.Codebook == "starter"})
	h.reply(c, http.StatusCreated, p, err)
}

func (h *handlers) getProject(c *gin.Context) {
	c.JSON(http.StatusOK, server.MustScope(c).Project)
}
