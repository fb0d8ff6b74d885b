package ui

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/search"
	"indsigt/server"
)

// hiddenField is a form field that carries state the user does not edit.
type hiddenField struct{ Name, Value string }

// savedFields are the facet filters of the search in q, for the save form:
// saving keeps them, so reopening the search filters again.
func savedFields(q url.Values) []hiddenField {
	var out []hiddenField
	f := app.FilterQuery(app.FiltersFromQuery(q))
	for _, k := range []string{"tag", "source_kind", "participant", "phase", "from", "to"} {
		for _, v := range f[k] {
			out = append(out, hiddenField{k, v})
		}
	}
	return out
}

// searchParams is a search's URL query: q and the filters.
func searchParams(q string, f url.Values) string {
	f.Set("q", q)
	return f.Encode()
}

// savedSearchURL reopens a saved search with its query and filters.
func savedSearchURL(slug string, ss app.SavedSearch) string {
	return "/p/" + slug + "/search?" + searchParams(ss.Query, app.FilterQuery(ss.Filters))
}

// saveSearch stores the current query and its filters under a name for
// the signed-in user.
func (h *handlers) saveSearch(c *gin.Context) {
	sc := server.MustScope(c)
	q := c.PostForm("q")
	filters := app.FiltersFromQuery(c.Request.PostForm)
	_, err := h.App.SaveSearch(c.Request.Context(), sc, app.NewSavedSearch{Name: c.PostForm("name"), Query: q, Filters: filters})
	if errors.Is(err, search.ErrInvalidQuery) {
		h.fail(c, http.StatusBadRequest, "search.error")
		return
	}
	if err != nil {
		// Show the search again, with the name typed and the message next to it.
		c.Request.URL.RawQuery = searchParams(q, app.FilterQuery(filters))
		h.invalid(c, "saved", err, h.search)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+sc.Project.Slug+"/search?"+searchParams(q, app.FilterQuery(filters)))
}

// deleteSavedSearch removes one of the user's saved searches.
func (h *handlers) deleteSavedSearch(c *gin.Context) {
	if h.doByID(c, "id", h.App.DeleteSavedSearch) {
		c.Redirect(http.StatusSeeOther, "/p/"+mustProject(c).Slug+"/search")
	}
}
