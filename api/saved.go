package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

func (h *handlers) savedSearches(c *gin.Context) {
	ss, err := h.App.SavedSearches(c.Request.Context(), server.MustScope(c))
	h.reply(c, http.StatusOK, Page[app.SavedSearch]{Items: ss}, err)
}

func (h *handlers) saveSearch(c *gin.Context) {
	var in struct {
		Name    string              `json:"name"`
		Query   string              `json:"query"`
		Filters model.SearchFilters `json:"filters"`
	}
	if !bindJSON(c, &in) {
		return
	}
	ss, err := h.App.SaveSearch(c.Request.Context(), server.MustScope(c), app.NewSavedSearch{Name: in.Name, Query: in.Query, Filters: in.Filters})
	h.reply(c, http.StatusCreated, ss, err)
}

func (h *handlers) deleteSavedSearch(c *gin.Context) { h.removeByID(c, "id", h.App.DeleteSavedSearch) }
