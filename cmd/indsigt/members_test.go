package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestMemberRemovalAndRoleChange: an owner changes a member's role and
// removes them through the API, the web app and the CLI; access ends at
// once, the last owner stays, and each change is audited.
func TestMemberRemovalAndRoleChange(t *testing.T) {
	e := newAttackEnv(t, "")
	_, out := e.call(t, http.MethodGet, "/api/v1/projects/mad/members", e.owner, "", nil)
	var ms struct {
		Items []struct {
			UserID string `json:"user_id"`
			Email  string `json:"email"`
			Role   string `json:"role"`
			Owner  bool   `json:"owner"`
		}
	}
	_ = json.Unmarshal([]byte(out), &ms)
	ids := map[string]string{}
	for _, m := range ms.Items {
		ids[m.Email] = m.UserID
	}
	analyst, owner := ids[e.analystMail], ids[e.ownerMail]
	if analyst == "" || owner == "" {
		t.Fatalf("members: %s", out)
	}
	if code, out := e.json(t, http.MethodPatch, "/api/v1/projects/mad/members/"+analyst, e.owner, `{"role":"lead"}`); code != 200 || !strings.Contains(out, `"lead"`) {
		t.Errorf("PATCH role: %d %s", code, out)
	}
	if code, _ := e.json(t, http.MethodPatch, "/api/v1/projects/mad/members/"+analyst, e.owner, `{"role":"admin"}`); code != http.StatusBadRequest {
		t.Errorf("PATCH to admin by a designer owner: %d", code)
	}
	if code, _ := e.call(t, http.MethodDelete, "/api/v1/projects/mad/members/"+owner, e.analyst, "", nil); code != http.StatusForbidden {
		t.Errorf("a member who does not manage removes the owner: %d", code)
	}
	if code, out := e.call(t, http.MethodDelete, "/api/v1/projects/mad/members/"+owner, e.owner, "", nil); code != http.StatusConflict {
		t.Errorf("removing the last owner: %d %s", code, out)
	}
	if code, out := e.call(t, http.MethodDelete, "/api/v1/projects/mad/members/"+analyst, e.owner, "", nil); code != http.StatusNoContent {
		t.Errorf("DELETE member: %d %s", code, out)
	}
	if c := get(t, e.srv.url+"/api/v1/projects/mad", e.analyst); c != 404 {
		t.Errorf("the removed member still sees the project: %d", c)
	}

	// The CLI, as the operator.
	if _, errs, code := cli(t, e.db, e.data, "", "member", "add", "--project", "mad", "--email", e.analystMail); code != 0 {
		t.Fatalf("member add: %s", errs)
	}
	if _, errs, code := cli(t, e.db, e.data, "", "member", "role", "--project", "mad", "--email", e.analystMail, "--role", "lead"); code != 0 || !strings.Contains(errs, "lead") {
		t.Errorf("member role: %d %s", code, errs)
	}
	if _, _, code := cli(t, e.db, e.data, "", "member", "role", "--project", "mad", "--email", e.analystMail); code != 2 {
		t.Errorf("member role without --role: exit %d, want 2", code)
	}

	// The web app: the overview's member list has the controls.
	c, csrf, code := webSession(t, e.srv.url, "", e.ownerMail, attackPassword)
	if code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", code)
	}
	resp, err := c.Get(e.srv.url + "/p/mad")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "/p/mad/members/"+analyst+"/remove") || !strings.Contains(string(b), "/p/mad/members/"+analyst+"/role") {
		t.Fatal("the overview has no remove or role control")
	}
	resp, err = c.PostForm(e.srv.url+"/p/mad/members/"+analyst+"/remove", url.Values{"csrf_token": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("web remove: %d", resp.StatusCode)
	}
	if c := get(t, e.srv.url+"/api/v1/projects/mad", e.analyst); c != 404 {
		t.Errorf("removed in the web app, still sees the project: %d", c)
	}
	_, out = e.call(t, http.MethodGet, "/api/v1/projects/mad/audit", e.owner, "", nil)
	for _, action := range []string{"member.role", "member.remove"} {
		if !strings.Contains(out, `"`+action+`"`) {
			t.Errorf("audit log lacks %s: %s", action, out)
		}
	}
}
