package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"indsigt/internal/testkit"
	"indsigt/model"
)

// TestUploadReloadAndReasons: a failed upload says why in Danish (not the
// parser's English), and reloading the upload's address returns to the
// project instead of a JSON "method not allowed".
func TestUploadReloadAndReasons(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	_, page, _ := c.do(c.multipart(e.path("/sources"), nil, testkit.Text("rapport.rtf", `{\rtf1\ansi Hej}`), testkit.Text("en-linje.txt", "Hun tjekker køleskabet hver nat.")))
	if !strings.Contains(page, "filtypen kan ikke læses") || strings.Contains(page, "unsupported file type") || strings.Contains(page, "parse rapport.rtf") {
		t.Errorf("failed upload not explained in Danish:\n%s", between(page, "rapport.rtf", "</li>"))
	}
	if !strings.Contains(page, "(1 note)") || strings.Contains(page, "1 noter") {
		t.Errorf("one note is not \"1 note\": %s", between(page, "en-linje.txt", "</li>"))
	}
	for _, path := range []string{"/sources", "/tags", "/insights", "/add-to-insight"} {
		code, got := c.get(e.path(path))
		if code != http.StatusSeeOther || strings.Contains(got, "method_not_allowed") {
			t.Errorf("reload GET %s: %d %.80s", path, code, got)
		}
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
