package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
	"indsigt/model"
	"indsigt/server"
)

// authenticate requires a valid bearer token on every /api/v1 request.
func (h *handlers) authenticate(c *gin.Context) {
	hdr := c.GetHeader("Authorization")
	tok, ok := strings.CutPrefix(hdr, "Bearer ")
	if !ok {
		c.Header("WWW-Authenticate", `Bearer realm="indsigt"`)
		fail(c, http.StatusUnauthorized, "unauthenticated", "an API token is required: Authorization: Bearer <token>")
		return
	}
	p, err := h.Auth.Authenticate(c.Request.Context(), strings.TrimSpace(tok), c.Request.Method)
	switch {
	case errors.Is(err, auth.ErrInsufficientScope):
		c.Header("WWW-Authenticate", `Bearer realm="indsigt", error="insufficient_scope", scope="write"`)
		fail(c, http.StatusForbidden, "insufficient_scope", "this API token may only read")
		return
	case errors.Is(err, auth.ErrUnauthenticated):
		c.Header("WWW-Authenticate", `Bearer realm="indsigt", error="invalid_token"`)
		fail(c, http.StatusUnauthorized, "unauthenticated", "the API token is not valid")
		return
	case err != nil:
		h.Log.Error("authenticate", "err", err)
		c.Header("Retry-After", "5")
		fail(c, http.StatusServiceUnavailable, "store_unavailable", "the database does not answer; try again in a moment")
		return
	}
	server.SetUser(c, p.User)
	c.Next()
}

// require stops a request whose role lacks a permission in the project.
func require(perm model.Permission) gin.HandlerFunc { return server.Require(perm, forbidden) }

func forbidden(c *gin.Context) {
	fail(c, http.StatusForbidden, "forbidden", "your role in this project does not allow this")
}

// bindJSON decodes a JSON body strictly: size-limited, no unknown fields,
// exactly one value. It answers 400/413 itself and reports false.
func bindJSON(c *gin.Context, dst any) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxJSONBody)
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("body must hold exactly one JSON object")
	}
	if err == nil {
		return true
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("body larger than %d bytes", MaxJSONBody))
	case errors.Is(err, io.EOF):
		fail(c, http.StatusBadRequest, "invalid_json", "request body is empty: a JSON object is required")
	default:
		fail(c, http.StatusBadRequest, "invalid_json", "malformed JSON: "+err.Error())
	}
	return false
}

// formFile reads the first file of the multipart field name, as bindJSON
// reads a JSON body: it answers 400/413 itself and reports false.
func formFile(c *gin.Context, name, needs string) (*multipart.FileHeader, bool) {
	fh, err := c.FormFile(name)
	if err != nil {
		badUpload(c, err, needs)
		return nil, false
	}
	return fh, true
}

// badUpload answers a request whose multipart form could not be read: 413
// when it ran over the route's body limit, else 400 saying what it needs.
func badUpload(c *gin.Context, err error, needs string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		fail(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload larger than %d bytes", mbe.Limit))
		return
	}
	invalid(c, "file", "expected a multipart/form-data upload with "+needs)
}

// bindID reads the id in the path parameter name and then the JSON body
// into dst; on a mistake it has answered and returns false.
func bindID(c *gin.Context, name string, dst any) (int64, bool) {
	id, ok := idParam(c, name)
	return id, ok && bindJSON(c, dst)
}

// invalid answers 400 for an input the adapter itself could not read.
func invalid(c *gin.Context, field, msg string) {
	server.Fail(c, http.StatusBadRequest, "invalid", field, msg)
}
