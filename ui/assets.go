package ui

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files with a content hash each, so their
// URLs change whenever their content does and browsers may cache them for
// a year.
type assets struct {
	files map[string][]byte // by path under static/
	hash  map[string]string
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		a.files[name], a.hash[name] = b, hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ui: read static files: %w", err)
	}
	for _, need := range []string{"app.css", "app.js", "vendor/htmx.min.js"} {
		if _, ok := a.files[need]; !ok {
			return nil, fmt.Errorf("ui: static file %s is missing", need)
		}
	}
	return a, nil
}

// url is the versioned address of a static file; an unknown name is a
// template bug, reported when the templates are first executed.
func (a *assets) url(name string) (string, error) {
	h, ok := a.hash[name]
	if !ok {
		return "", fmt.Errorf("ui: no static file %q", name)
	}
	return "/static/" + name + "?v=" + h, nil
}

func (h *handlers) static(c *gin.Context) {
	name := strings.TrimPrefix(path.Clean(c.Param("file")), "/")
	b, ok := h.assets.files[name]
	if !ok {
		c.Status(http.StatusNotFound)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "text/plain; charset=utf-8"
	}
	if c.Query("v") == h.assets.hash[name] {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	c.Header("ETag", `"`+h.assets.hash[name]+`"`)
	if c.GetHeader("If-None-Match") == `"`+h.assets.hash[name]+`"` {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, ctype, b)
}
