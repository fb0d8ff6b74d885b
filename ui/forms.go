package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"indsigt/model"
)

const keyForm = "ui.form"

// formState is a submitted form that came back invalid: which form on the
// page, what the user typed, and a message per field in the page's
// language. Pages render it through base, so the typed values stay and
// the message stands next to its field instead of on a dead-end page.
type formState struct {
	ID     string
	Values url.Values
	Errors map[string]string
}

// fieldRules are the rules a model.FieldError can name; each has a
// message "field.<rule>", and a field may have its own "field.<field>.<rule>".
var fieldRules = []string{model.RuleRequired, model.RuleTooLong, model.RuleUTF8, model.RuleFormat, model.RuleOneOf,
	model.RuleNumber, model.RuleDate, model.RuleRange, model.RuleUnknown, model.RuleSame, model.RuleTaken}

// fieldKeys are the field-specific messages ("field.<field>.<rule>").
var fieldKeys = []string{"field.email.unknown", "field.reason.required", "field.value.number",
	"field.stale_opdag_days.range", "field.stale_skab_days.range", "field.stale_virk_days.range",
	"field.start.range", "field.end.range", "field.start.number", "field.end.number"}

// invalid shows the page again after a form failed: a field error keeps the
// typed values and puts its message next to the field (status 422); any
// other error goes to failErr.
func (h *handlers) invalid(c *gin.Context, form string, err error, page gin.HandlerFunc) {
	fe, ok := model.AsFieldError(err)
	if !ok {
		h.failErr(c, err)
		return
	}
	_ = c.Request.ParseForm()
	c.Set(keyForm, &formState{ID: form, Values: c.Request.PostForm, Errors: map[string]string{fe.Field: h.fieldMessage(c, fe)}})
	page(c)
}

// fieldMessage is a field error in the request's language.
func (h *handlers) fieldMessage(c *gin.Context, fe *model.FieldError) string {
	msgs := h.msgs[c.GetString(keyLang)]
	if s, ok := msgs["field."+fe.Field+"."+fe.Rule]; ok {
		return fmt.Sprintf(s, fe.Limit)
	}
	if s, ok := msgs["field."+fe.Rule]; ok {
		return fmt.Sprintf(s, fe.Limit)
	}
	return fe.Msg
}

func formFrom(c *gin.Context) *formState {
	if v, ok := c.Get(keyForm); ok {
		return v.(*formState)
	}
	return nil
}

// formStatus is the status of a page shown again with a form's errors.
func formStatus(c *gin.Context, status int) int {
	if status == http.StatusOK && formFrom(c) != nil {
		return http.StatusUnprocessableEntity
	}
	return status
}

// FormValue is what the user typed into a field of a form that came back
// invalid, or def for a fresh form.
func (b base) FormValue(form, field, def string) string {
	if b.Form == nil || b.Form.ID != form {
		return def
	}
	return b.Form.Values.Get(field)
}

// FieldError is the message for a field of a form that came back invalid.
func (b base) FieldError(form, field string) string {
	if b.Form == nil || b.Form.ID != form {
		return ""
	}
	return b.Form.Errors[field]
}
