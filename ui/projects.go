package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

type projectsView struct {
	Projects  []model.Project
	CanCreate bool
	Form      model.Project
}

// home lists the signed-in user's projects, with a form to create one.
func (h *handlers) home(c *gin.Context) {
	if _, ok := session(c); !ok {
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	act := server.Actor(c)
	ps, err := h.App.Projects(c.Request.Context(), act, 0, app.MaxPageSize)
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.render(c, http.StatusOK, "projects", h.base(c, "projects.title", "projects"),
		projectsView{Projects: ps, CanCreate: act.CanCreateProjects(), Form: model.Project{RetentionDays: 730}})
}

func (h *handlers) createProject(c *gin.Context) {
	act := server.Actor(c)
	if !act.CanCreateProjects() {
		h.fail(c, http.StatusForbidden, "error.forbidden")
		return
	}
	days, err := strconv.Atoi(strings.TrimSpace(c.DefaultPostForm("retention_days", "730")))
	if err != nil {
		h.invalid(c, "project", model.Invalid("retention_days", model.RuleNumber, "retention_days must be a whole number"), h.home)
		return
	}
	p, err := h.App.CreateProject(c.Request.Context(), act, app.NewProject{Slug: c.PostForm("slug"), Name: c.PostForm("name"),
		Purpose: c.PostForm("purpose"), RetentionDays: days, Starter: c.DefaultPostForm("codebook", "starter") == "starter"})
	if err != nil {
		h.invalid(c, "project", err, h.home)
		return
	}
	c.Redirect(http.StatusSeeOther, "/p/"+p.Slug)
}
