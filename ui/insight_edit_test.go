package ui_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"indsigt/model"
)

func TestEditInsightAndRemoveEvidence(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	ins, _ := e.store.Insights(ctx, e.proj.ID, "")
	in := ins[0]
	ev, _ := e.store.InsightEvidence(ctx, in.ID)
	path := fmt.Sprintf("/insights/%d", in.ID)
	analyst := e.login(model.RoleAnalyst)
	if code, _, _ := analyst.post(e.path(path+"/edit"), url.Values{"csrf_token": {analyst.csrf}, "title": {"Nej"}}); code != 403 {
		t.Fatalf("analyst editing: %d", code)
	}
	d := e.login(model.RoleDesigner)
	if code, _, _ := d.post(e.path(path+"/edit"), url.Values{"csrf_token": {d.csrf}, "title": {""}}); code != 400 {
		t.Fatalf("empty title: %d", code)
	}
	title := `Hun frygter <script>alert(1)</script> at maden slipper op`
	if code, _, _ := d.post(e.path(path+"/edit"), url.Values{"csrf_token": {d.csrf}, "title": {title}, "statement": {"Kort og klart."}}); code != 303 {
		t.Fatalf("edit: %d", code)
	}
	if code, _, _ := d.post(e.path(fmt.Sprintf("%s/evidence/%d/remove", path, ev[0].NoteID)), url.Values{"csrf_token": {d.csrf}}); code != 303 {
		t.Fatalf("remove evidence: %d", code)
	}
	_, page := d.get(e.path(path))
	if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(page, "Kort og klart.") {
		t.Fatal("edited title and statement not shown escaped")
	}
	after, _ := e.store.InsightEvidence(ctx, in.ID)
	if len(after) != len(ev)-1 {
		t.Fatalf("evidence %d → %d", len(ev), len(after))
	}
}
