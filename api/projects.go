package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
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
	if v := c.Query("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			invalid(c, "cursor", "cursor is not valid")
			return 0, 0, false
		}
		cursor = n
	}
	return cursor, limit, true
}

func nextCursor(n, limit int, last int64) string {
	if n < limit {
		return ""
	}
	return strconv.FormatInt(last, 10)
}

func (h *handlers) listProjects(c *gin.Context) {
	after, limit, ok := pageParams(c)
	if !ok {
		return
	}
	ps, err := h.App.Projects(c.Request.Context(), actor(c), after, limit)
	if err != nil {
		h.failErr(c, err)
		return
	}
	page := Page[model.Project]{Items: ps}
	if len(ps) > 0 {
		page.NextCursor = nextCursor(len(ps), limit, ps[len(ps)-1].ID)
	}
	c.JSON(http.StatusOK, page)
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
	p, err := h.App.CreateProject(c.Request.Context(), actor(c), app.NewProject{Slug: in.Slug, Name: in.Name, Purpose: in.Purpose, RetentionDays: in.RetentionDays,
		Starter: in.Codebook == "starter"})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (h *handlers) getProject(c *gin.Context) {
	c.JSON(http.StatusOK, mustScope(c).Project)
}
