package ui_test

import (
	"encoding/json"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/internal/testkit"
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
		req := c.multipart(e.path("/sources"), nil, testkit.Text(f.name, f.body))
		req.Header.Set("Accept", "application/json")
		code, body, _ := c.do(req)
		var res []ingest.Result
		if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil || len(res) != 1 || res[0].Status != f.want {
			t.Fatalf("%s: %d %v %s", f.name, code, err, body)
		}
	}
}
