package ui_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"indsigt/model"
)

func TestMembersOnTheOverview(t *testing.T) {
	e := newEnv(t, false)
	if _, err := e.auth.AddUser(context.Background(), model.User{Email: "ny@kolding.dk", Name: "Ny <Kollega>", Role: model.RoleDesigner}, ""); err != nil {
		t.Fatal(err)
	}
	analyst := e.login(model.RoleAnalyst)
	_, page := analyst.get(e.path(""))
	if !strings.Contains(page, "Søren Designer") || strings.Contains(page, `action="/p/`+e.proj.Slug+`/members"`) {
		t.Fatal("an analyst sees the members but no form to add one")
	}
	if code, _, _ := analyst.post(e.path("/members"), url.Values{"csrf_token": {analyst.csrf}, "email": {"ny@kolding.dk"}, "role": {"lead"}}); code != 403 {
		t.Fatalf("analyst adding a member: %d, want 403", code)
	}
	owner := e.login(model.RoleDesigner) // the demo's designer created the project
	for _, bad := range []url.Values{{"email": {"ny@kolding.dk"}, "role": {"chef"}}, {"email": {"ingen@kolding.dk"}, "role": {"lead"}}} {
		bad.Set("csrf_token", owner.csrf)
		if code, _, _ := owner.post(e.path("/members"), bad); code != 400 {
			t.Errorf("bad member %v: %d, want 400", bad, code)
		}
	}
	if code, _, _ := owner.post(e.path("/members"), url.Values{"csrf_token": {owner.csrf}, "email": {"ny@kolding.dk"}, "role": {"lead"}}); code != 303 {
		t.Fatalf("owner adding a member: %d", code)
	}
	_, page = owner.get(e.path(""))
	if !strings.Contains(page, "Ny &lt;Kollega&gt;") || !strings.Contains(page, "ny@kolding.dk") {
		t.Fatal("the new member is not listed, escaped")
	}
}
