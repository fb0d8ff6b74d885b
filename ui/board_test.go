package ui_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"indsigt/model"
)

var statementRE = regexp.MustCompile(`name="statement" rows="3">([^<]*)</textarea>`)

// TestBoardStatementIsASentence: a card's default statement names its
// label words in a sentence ("… om a, b og c."), not as a word list.
func TestBoardStatementIsASentence(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	code, body := c.get(e.path("/board"))
	if code != http.StatusOK {
		t.Fatalf("board: %d", code)
	}
	ms := statementRE.FindAllStringSubmatch(body, -1)
	if len(ms) == 0 {
		t.Fatal("no card with a statement on the demo board")
	}
	for _, m := range ms {
		s := m[1]
		if !strings.HasPrefix(s, "Flere borgere fortæller om ") || !strings.HasSuffix(s, ".") || !strings.Contains(s, " og ") {
			t.Errorf("statement %q is not the sentence template filled with the label", s)
		}
	}
}
