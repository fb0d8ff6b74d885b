package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

// Page is the shape of every list answer.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// pageParams reads ?limit=&cursor= where the cursor is the last id seen.
func pageParams(c *gin.Context) (cursor int64, limit int, ok bool) {
	limit = 50
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			fail(c, http.StatusBadRequest, "invalid", "limit must be a number from 1 to 500")
			return 0, 0, false
		}
		limit = n
	}
	if v := c.Query("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			fail(c, http.StatusBadRequest, "invalid", "cursor is not valid")
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
	ps, err := h.Store.ProjectsFor(c.Request.Context(), mustUser(c), after, limit)
	if err != nil {
		h.failErr(c, err)
		return
	}
	page := Page[model.Project]{Items: ps}
	if len(ps) > 0 {
		page.NextCursor = nextCursor(len(ps), limit, ps[len(ps)-1].ID)
	}
	if page.Items == nil {
		page.Items = []model.Project{}
	}
	c.JSON(http.StatusOK, page)
}

type projectIn struct {
	Slug          string `json:"slug"`
	Name          string `json:"name"`
	Purpose       string `json:"purpose"`
	RetentionDays int    `json:"retention_days"`
}

func (h *handlers) createProject(c *gin.Context) {
	var in projectIn
	if !bindJSON(c, &in) {
		return
	}
	u := mustUser(c)
	p, err := h.Store.CreateProject(c.Request.Context(), model.Project{Slug: in.Slug, Name: in.Name, Purpose: in.Purpose, RetentionDays: in.RetentionDays}, u)
	if err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(c.Request.Context(), u.ID, p.ID, "project.create", "project:"+p.Slug, "")
	c.JSON(http.StatusCreated, p)
}

func (h *handlers) getProject(c *gin.Context) {
	c.JSON(http.StatusOK, mustProject(c))
}
