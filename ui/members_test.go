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
	// A bad member comes back as the overview with the message next to its
	// field, in the page's language, and what was typed kept (422).
	for _, bad := range []struct {
		form      url.Values
		field     string
		msg, kept string
	}{
		{url.Values{"email": {"ny@kolding.dk"}, "role": {"chef"}}, "member-role-err", "Vælg en af mulighederne", `value="ny@kolding.dk"`},
		{url.Values{"email": {"ingen@kolding.dk"}, "role": {"lead"}}, "member-email-err", "Ingen bruger har den e-mail", `value="ingen@kolding.dk"`},
	} {
		bad.form.Set("csrf_token", owner.csrf)
		code, body, _ := owner.post(e.path("/members"), bad.form)
		if code != 422 {
			t.Errorf("bad member %v: %d, want 422", bad.form, code)
		}
		if !strings.Contains(body, `id="`+bad.field+`"`) || !strings.Contains(body, bad.msg) || !strings.Contains(body, bad.kept) {
			t.Errorf("bad member %v: the page lacks the message %q at %s or the typed %s", bad.form, bad.msg, bad.field, bad.kept)
		}
	}
	if _, body, _ := owner.post(e.path("/members"), url.Values{"csrf_token": {owner.csrf}, "email": {"ingen@kolding.dk"}, "role": {"lead"}}); !strings.Contains(body, `<option value="lead" selected>`) {
		t.Error("the chosen role is not kept")
	}
	if code, _, _ := owner.post(e.path("/members"), url.Values{"csrf_token": {owner.csrf}, "email": {"ny@kolding.dk"}, "role": {"lead"}}); code != 303 {
		t.Fatalf("owner adding a member: %d", code)
	}
	_, page = owner.get(e.path(""))
	if !strings.Contains(page, "Ny &lt;Kollega&gt;") || !strings.Contains(page, "ny@kolding.dk") {
		t.Fatal("the new member is not listed, escaped")
	}
}
