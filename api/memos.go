package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/server"
)

// listMemos answers GET …/memos?target=insight:12 (or ?kind=note, ?q=words).
func (h *handlers) listMemos(c *gin.Context) {
	ms, err := h.App.Memos(c.Request.Context(), server.MustScope(c), app.MemoQuery{Target: c.Query("target"), Kind: c.Query("kind"), Text: c.Query("q")})
	h.reply(c, http.StatusOK, Page[model.Memo]{Items: ms}, err)
}

// createMemo answers POST …/memos {target, body}; the target may also come
// from the query (?target=insight:12).
func (h *handlers) createMemo(c *gin.Context) {
	var in struct {
		Target string `json:"target"`
		Body   string `json:"body"`
	}
	if !bindJSON(c, &in) {
		return
	}
	if in.Target == "" {
		in.Target = c.Query("target")
	}
	m, err := h.App.CreateMemo(c.Request.Context(), server.MustScope(c), app.NewMemo{Target: in.Target, Body: in.Body})
	h.reply(c, http.StatusCreated, m, err)
}

func (h *handlers) deleteMemo(c *gin.Context) { h.removeByID(c, "id", h.App.DeleteMemo) }

// previewRule answers GET …/codebook/preview?tag=&pattern=&match=: the
// notes a rule would tag, without tagging them.
func (h *handlers) previewRule(c *gin.Context) {
	p, err := h.App.PreviewRule(c.Request.Context(), server.MustScope(c), c.Query("tag"), c.Query("pattern"), c.Query("match"))
	h.reply(c, http.StatusOK, p, err)
}

// addRule answers POST …/codebook/{tag}/rules {pattern, match, apply}.
func (h *handlers) addRule(c *gin.Context) {
	var in struct {
		Pattern string `json:"pattern"`
		Match   string `json:"match"`
		Apply   bool   `json:"apply"`
	}
	id, ok := bindID(c, "tag", &in)
	if !ok {
		return
	}
	n, err := h.App.AddRule(c.Request.Context(), server.MustScope(c), app.NewRule{TagID: id, Pattern: in.Pattern, Match: in.Match, Apply: in.Apply})
	h.reply(c, http.StatusCreated, gin.H{"tagged": n}, err)
}
