package ui_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/model"
)

// TestDropZoneUploadAnswersPerFile covers the request the page's drop zone
// sends: one file, asking for JSON, answered with that file's result.
func TestDropZoneUploadAnswersPerFile(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	_, page := c.get(e.path(""))
	if !strings.Contains(page, `id="dropzone"`) || !strings.Contains(page, `webkitdirectory`) {
		t.Fatal("the overview offers no drop zone or folder upload")
	}
	for _, f := range []struct{ name, body, want string }{
		{"nat-uge-20.txt", "Hun sov hele natten og åbnede ikke køleskabet.", ingest.StatusIngested},
		{"nat-uge-20.txt", "Hun sov hele natten og åbnede ikke køleskabet.", ingest.StatusDuplicate},
		{"scanning.pdf", "%PDF-1.4 binary", ingest.StatusFailed},
	} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("csrf_token", c.csrf)
		fw, _ := mw.CreateFormFile("file", f.name)
		_, _ = fw.Write([]byte(f.body))
		_ = mw.Close()
		req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+e.path("/sources"), &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Accept", "application/json")
		code, body, _ := c.do(req)
		var res []ingest.Result
		if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil || len(res) != 1 || res[0].Status != f.want {
			t.Fatalf("%s: %d %v %s", f.name, code, err, body)
		}
	}
}
