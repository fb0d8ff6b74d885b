package ui_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"indsigt/internal/corpora"
	"indsigt/model"
)

func (c *client) importQDPX(path string, data []byte) (int, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	fw, _ := mw.CreateFormFile("file", "projekt.qdpx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	code, body, _ := c.do(req)
	return code, body
}

// TestImportQDPXForm: the reports page offers the import to a designer,
// and answers it with a line per item; a bad file is a clear error page.
func TestImportQDPXForm(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	if _, page := c.get(e.path("/reports")); !strings.Contains(page, `id="import-form"`) || !strings.Contains(page, `name="csrf_token"`) {
		t.Fatal("the reports page offers no import form")
	}
	data := corpora.Read(t, "refi-qda", "target-atlas-project.qdpx")
	code, body := c.importQDPX(e.path("/imports/qdpx"), data)
	if code != 200 || !strings.Contains(body, "Koder: 3 nye") || !strings.Contains(body, "Commits") {
		t.Fatalf("import: %d\n%s", code, body)
	}
	if code, body := c.importQDPX(e.path("/imports/qdpx"), []byte("ikke en zip")); code != 400 || !strings.Contains(body, "REFI-QDA") {
		t.Errorf("bad file: %d", code)
	}
	a := e.login(model.RoleAnalyst)
	if _, page := a.get(e.path("/reports")); strings.Contains(page, `id="import-form"`) {
		t.Error("an analyst is offered the import")
	}
}
