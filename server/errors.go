package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
)

// ErrorBody is the shape of every JSON error answer.
type ErrorBody struct {
	Error ErrorInfo `json:"error"`
}

// ErrorInfo names what went wrong; Field is set when one input is at fault.
type ErrorInfo struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// Fail answers a JSON error and stops the request.
func Fail(c *gin.Context, status int, code, field, msg string) {
	c.AbortWithStatusJSON(status, ErrorBody{Error: ErrorInfo{Code: code, Field: field, Message: msg}})
}

// Classify maps a use-case error to an HTTP status and an error code; the
// one table both adapters use. Internal errors answer 500 "internal".
func Classify(err error) (status int, code string) {
	switch {
	case errors.Is(err, search.ErrInvalidQuery), errors.Is(err, search.ErrBadCursor):
		return http.StatusBadRequest, "invalid_query"
	case errors.Is(err, model.ErrInvalid):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, model.ErrNotFound), errors.Is(err, search.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, model.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, model.ErrForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, app.ErrIndexNotReady):
		return http.StatusServiceUnavailable, "index_not_ready"
	case errors.Is(err, app.ErrBusy), errors.Is(err, app.ErrDatabaseBusy):
		return http.StatusServiceUnavailable, "busy"
	}
	return http.StatusInternalServerError, "internal"
}

// Message is the text a user may see for err: the layer prefixes that
// help the log ("store: …") are dropped.
func Message(err error) string {
	if fe, ok := model.AsFieldError(err); ok {
		return fe.Msg
	}
	msg := err.Error()
	for _, p := range []string{"store: ", "api: ", "app: ", "search: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}
