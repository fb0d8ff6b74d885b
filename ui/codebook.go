package ui

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// The codebook page: the project's tags as a tree with colour, description
// and counts; rename, recolour, describe, move under a parent, merge (the
// form says what moves); auto-tagging rules with a preview of what a rule
// would tag; memos on each code. Every change goes through app.

const keyPreview = "ui.rule-preview"

const (
	formNewTag = "tag-new"
	formTag    = "tag-"  // + the tag's id
	formRule   = "rule-" // + the tag's id
)

type codebookView struct {
	Roots    []*tagNode
	All      []model.Tag
	Count    int
	Preview  *rulePreviewView
	CanWrite bool
}

// tagNode is one code of the tree with what its forms need.
type tagNode struct {
	Tag      model.Tag
	Rules    []app.Rule
	Memos    *memoBlock
	Children []*tagNode
	Others   []model.Tag // the tags it can be merged into or moved under
	Page     *base
}

type rulePreviewView struct {
	TagID          int64
	Tag            string
	Pattern, Match string
	Count          int
	Notes          []model.Note
	Error          string
}

func (h *handlers) codebook(c *gin.Context) {
	ctx, sc := c.Request.Context(), server.MustScope(c)
	book, err := h.App.Codebook(ctx, sc)
	if err != nil {
		h.failErr(c, err)
		return
	}
	memos, err := h.App.Memos(ctx, sc, app.MemoQuery{Kind: "tag"})
	if err != nil {
		h.failErr(c, err)
		return
	}
	b := h.base(c, "codebook.title", "codebook")
	v := codebookView{All: book.Tags, Count: len(book.Tags), CanWrite: b.Can("write")}
	byTarget := memosByTarget(memos)
	rules := map[int64][]app.Rule{}
	for _, r := range book.Rules {
		rules[r.TagID] = append(rules[r.TagID], r)
	}
	nodes := map[int64]*tagNode{}
	for _, t := range book.Tags {
		target := fmt.Sprintf("tag:%d", t.ID)
		n := &tagNode{Tag: t, Rules: rules[t.ID], Page: &b}
		n.Memos = memoBlockFor(b, "/p/"+sc.Project.Slug+"/codebook/memos", target, "/p/"+sc.Project.Slug+"/codebook", byTarget[target])
		n.Memos.Compact = len(n.Memos.Memos) == 0
		for _, o := range book.Tags {
			if o.ID != t.ID {
				n.Others = append(n.Others, o)
			}
		}
		nodes[t.ID] = n
	}
	for _, t := range book.Tags { // ordered by name, so each level is too
		n := nodes[t.ID]
		if t.ParentID != nil && nodes[*t.ParentID] != nil && *t.ParentID != t.ID {
			nodes[*t.ParentID].Children = append(nodes[*t.ParentID].Children, n)
		} else {
			v.Roots = append(v.Roots, n)
		}
	}
	if ask, ok := c.Get(keyPreview); ok && nodes[ask.(rulePreviewView).TagID] != nil {
		pv := ask.(rulePreviewView)
		pv.Tag = nodes[pv.TagID].Tag.Name
		res, err := h.App.PreviewRule(ctx, sc, pv.Tag, pv.Pattern, pv.Match)
		if fe, ok := model.AsFieldError(err); ok {
			pv.Error = h.fieldMessage(c, fe)
		} else if err != nil {
			h.failErr(c, err)
			return
		}
		pv.Count, pv.Notes = res.Count, res.Notes
		v.Preview = &pv
	}
	h.render(c, http.StatusOK, "codebook", b, v)
}

func (h *handlers) codebookBack(c *gin.Context, id int64) {
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/codebook#tag-%d", mustProject(c).Slug, id))
}

// formParent is the tag's parent from the form: none when the form leaves
// it empty or sends something that is not an id.
func formParent(c *gin.Context) *int64 {
	id, err := model.ParseOptionalID("parent_id", c.PostForm("parent_id"))
	if err != nil || id == 0 {
		return nil
	}
	return &id
}

func (h *handlers) createTag(c *gin.Context) {
	t, err := h.App.CreateTag(c.Request.Context(), server.MustScope(c), app.NewTag{Name: c.PostForm("name"), Description: c.PostForm("description"),
		Color: formColor(c), ParentID: formParent(c)})
	if err != nil {
		h.invalid(c, formNewTag, err, h.codebook)
		return
	}
	h.codebookBack(c, t.ID)
}

// formColor is the form's colour unless "no colour" is checked.
func formColor(c *gin.Context) string {
	if c.PostForm("no_color") != "" {
		return ""
	}
	return strings.TrimSpace(c.PostForm("color"))
}

func (h *handlers) updateTag(c *gin.Context) {
	id, ok := h.pathID(c, "tag")
	if !ok {
		return
	}
	name, desc, color := c.PostForm("name"), c.PostForm("description"), formColor(c)
	parent := int64(0)
	if p := formParent(c); p != nil {
		parent = *p
	}
	err := h.App.UpdateTag(c.Request.Context(), server.MustScope(c), id, app.TagPatch{Name: &name, Description: &desc, Color: &color, Parent: &parent})
	if err != nil {
		h.invalid(c, formTag+model.FormatID(id), err, h.codebook)
		return
	}
	h.codebookBack(c, id)
}

func (h *handlers) mergeTag(c *gin.Context) {
	id, ok := idParam(c, "tag")
	into, err := model.ParseID("into", c.PostForm("into"))
	if !ok || err != nil {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "into")
		return
	}
	if err := h.App.UpdateTag(c.Request.Context(), server.MustScope(c), id, app.TagPatch{MergeInto: &into}); err != nil {
		h.failErr(c, err)
		return
	}
	h.codebookBack(c, into)
}

func (h *handlers) addRule(c *gin.Context) {
	id, ok := h.pathID(c, "tag")
	if !ok {
		return
	}
	if c.PostForm("preview") != "" { // shows what the rule would tag, writes nothing
		c.Set(keyPreview, rulePreviewView{TagID: id, Pattern: c.PostForm("pattern"), Match: c.PostForm("match")})
		h.codebook(c)
		return
	}
	_, err := h.App.AddRule(c.Request.Context(), server.MustScope(c), app.NewRule{TagID: id, Pattern: c.PostForm("pattern"), Match: c.PostForm("match"),
		Apply: c.PostForm("apply") != ""})
	if err != nil {
		h.invalid(c, formRule+model.FormatID(id), err, h.codebook)
		return
	}
	h.codebookBack(c, id)
}
