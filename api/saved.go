package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/store"
)

func (h *handlers) savedSearches(c *gin.Context) {
	ss, err := h.App.SavedSearches(c.Request.Context(), mustScope(c))
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, Page[store.SavedSearch]{Items: ss})
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
	ss, err := h.App.SaveSearch(c.Request.Context(), mustScope(c), app.NewSavedSearch{Name: in.Name, Query: in.Query, Filters: in.Filters})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusCreated, ss)
}

func (h *handlers) deleteSavedSearch(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	if err := h.App.DeleteSavedSearch(c.Request.Context(), mustScope(c), id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
