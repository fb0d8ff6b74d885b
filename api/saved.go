package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/search"
	"indsigt/store"
)

func (h *handlers) savedSearches(c *gin.Context) {
	ss, err := h.Store.SavedSearches(c.Request.Context(), mustProject(c).ID, mustUser(c).ID)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if ss == nil {
		ss = []store.SavedSearch{}
	}
	c.JSON(http.StatusOK, Page[store.SavedSearch]{Items: ss})
}

func (h *handlers) saveSearch(c *gin.Context) {
	var in struct {
		Name  string `json:"name"`
		Query string `json:"query"`
	}
	if !bindJSON(c, &in) {
		return
	}
	if _, err := search.ParseQuery(in.Query); err != nil {
		fail(c, http.StatusBadRequest, "invalid_query", err.Error())
		return
	}
	ss, err := h.Store.SaveSearch(c.Request.Context(), mustProject(c).ID, mustUser(c).ID, in.Name, in.Query)
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
	if err := h.Store.DeleteSavedSearch(c.Request.Context(), mustProject(c).ID, mustUser(c).ID, id); err != nil {
		h.failErr(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
