package ui

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/search"
)

// saveSearch stores the current query under a name for the signed-in user.
func (h *handlers) saveSearch(c *gin.Context) {
	q := c.PostForm("q")
	if _, err := search.ParseQuery(q); err != nil {
		h.fail(c, http.StatusBadRequest, "search.error")
		return
	}
	p := mustProject(c)
	if _, err := h.Store.SaveSearch(c.Request.Context(), p.ID, mustUser(c).ID, c.PostForm("name"), q); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+p.Slug+"/search?q="+url.QueryEscape(q))
}

// deleteSavedSearch removes one of the user's saved searches.
func (h *handlers) deleteSavedSearch(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		h.fail(c, http.StatusNotFound, "error.notfound")
		return
	}
	p := mustProject(c)
	if err := h.Store.DeleteSavedSearch(c.Request.Context(), p.ID, mustUser(c).ID, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+p.Slug+"/search")
}
