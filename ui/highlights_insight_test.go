package ui_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"indsigt/app"
	"indsigt/model"
)

// TestHighlightIntoInsight: a highlight on the transcript has its own
// "Tilføj til indsigt"; a new insight made from it cites the span, and the
// insight page shows the span, not the whole note; the board can cluster
// highlights instead of notes.
func TestHighlightIntoInsight(t *testing.T) {
	e := newEnv(t, false)
	c := e.login(model.RoleDesigner)
	ctx := context.Background()
	sc, err := e.uc.Enter(ctx, app.Operator(), e.proj.Slug)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := e.uc.Highlights(ctx, sc, app.HighlightQuery{})
	if err != nil || len(hs) == 0 {
		t.Fatalf("the demo has no highlights: %v", err)
	}
	hl := hs[0]
	_, page := c.get(e.path(fmt.Sprintf("/sources/%d", hl.SourceID)))
	id := strconv.FormatInt(hl.ID, 10)
	if !strings.Contains(page, `name="highlight_id" value="`+id+`"`) || !strings.Contains(page, `id="ai-h`+id+`"`) {
		t.Fatalf("the transcript has no \"add to insight\" for highlight %d", hl.ID)
	}
	code, _, hdr := c.post(e.path("/add-to-insight"), url.Values{"csrf_token": {c.csrf}, "highlight_id": {id}, "insight_id": {"new"}, "title": {"Et udsnit som belæg"}, "stance": {"supports"}})
	if code != http.StatusSeeOther {
		t.Fatalf("add to insight: %d", code)
	}
	_, page = c.get(hdr.Get("Location"))
	if !strings.Contains(page, `<mark class="hl">`+html.EscapeString(hl.Quote)+`</mark>`) {
		t.Errorf("the insight page does not show the highlighted span %q", hl.Quote)
	}
	code, page = c.get(e.path("/board?of=highlights"))
	if code != http.StatusOK || !strings.Contains(page, `href="/p/`+e.proj.Slug+`/board?of=highlights" aria-current="page"`) {
		t.Errorf("the board's highlight mode: %d", code)
	}
}
