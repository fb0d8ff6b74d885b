package ui

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/search"
)

// saveSearch stores the current query under a name for the signed-in user.
func (h *handlers) saveSearch(c *gin.Context) {
	sc := mustScope(c)
	q := c.PostForm("q")
	_, err := h.App.SaveSearch(c.Request.Context(), sc, app.NewSavedSearch{Name: c.PostForm("name"), Query: q})
	if errors.Is(err, search.ErrInvalidQuery) {
		h.fail(c, http.StatusBadRequest, "search.error")
		return
	}
	if err != nil {
		// Show the search again, with the name typed and the message next to it.
		c.Request.URL.RawQuery = url.Values{"q": {q}}.Encode()
		h.invalid(c, "saved", err, h.search)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"/search?q="+url.QueryEscape(q))
}

// deleteSavedSearch removes one of the user's saved searches.
func (h *handlers) deleteSavedSearch(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	sc := mustScope(c)
	if err := h.App.DeleteSavedSearch(c.Request.Context(), sc, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"/search")
}
