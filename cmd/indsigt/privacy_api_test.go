package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestErasureAndSubjectAccessThroughTheAPI: the owner reads a
// participant's report (JSON and a printable page), erases the
// participant, a note and a source through a running server; search
// follows, members who do not manage are refused.
func TestErasureAndSubjectAccessThroughTheAPI(t *testing.T) {
	e := newAttackEnv(t, "")
	_, items := e.upload(t, e.owner, map[string][]byte{
		"samtale.txt": []byte("Interviewer: Hvad spiser du?\n\nKaren Hansen: Rugbrød med makrelsalat.\n"),
		"andet.txt":   []byte("Opgangen er kold om vinteren.\n\nVi mødes i vaskekælderen.\n"),
	})
	if len(items) != 2 {
		t.Fatalf("upload: %v", items)
	}
	other := items[0]["source_id"].(string) // andet.txt sorts first
	waitReady(t, e.srv.url)
	if _, a, _ := e.search(t, e.owner, "mad", "makrelsalat"); a.Total != 1 {
		t.Fatalf("before: %d hits", a.Total)
	}
	code, out := e.call(t, http.MethodGet, "/api/v1/projects/mad/participants/Borger-1/report", e.owner, "", nil)
	if code != 200 || !strings.Contains(out, "makrelsalat") || !strings.Contains(out, `"reads"`) {
		t.Fatalf("report: %d %s", code, out)
	}
	req, _ := http.NewRequest(http.MethodGet, e.srv.url+"/api/v1/projects/mad/participants/Borger-1/report.html", nil)
	req.Header.Set("Authorization", "Bearer "+e.owner)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sha256-") {
		t.Errorf("report.html: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"))
	}
	if code, _ := e.call(t, http.MethodGet, "/api/v1/projects/mad/participants/Borger-1/report", e.analyst, "", nil); code != http.StatusForbidden {
		t.Errorf("an analyst reads the report: %d", code)
	}
	if code, _ := e.call(t, http.MethodDelete, "/api/v1/projects/mad/participants/Borger-1", e.analyst, "", nil); code != http.StatusForbidden {
		t.Errorf("an analyst erases: %d", code)
	}
	code, out = e.call(t, http.MethodDelete, "/api/v1/projects/mad/participants/Borger-1", e.owner, "", nil)
	var er struct {
		Notes, Participants int
	}
	if json.Unmarshal([]byte(out), &er); code != 200 || er.Notes != 1 || er.Participants != 1 {
		t.Fatalf("erase participant: %d %s", code, out)
	}
	if _, a, _ := e.search(t, e.owner, "mad", "makrelsalat"); a.Total != 0 {
		t.Errorf("after erasure: %d hits", a.Total)
	}
	_, a, _ := e.search(t, e.owner, "mad", "vaskekælderen")
	if len(a.Items) != 1 {
		t.Fatalf("other note: %+v", a)
	}
	if code, out := e.call(t, http.MethodDelete, "/api/v1/projects/mad/notes/"+a.Items[0].NoteID, e.owner, "", nil); code != 200 || !strings.Contains(out, `"notes":1`) {
		t.Errorf("erase note: %d %s", code, out)
	}
	if code, out := e.call(t, http.MethodDelete, "/api/v1/projects/mad/notes/"+a.Items[0].NoteID, e.owner, "", nil); code != 404 {
		t.Errorf("erase a gone note: %d %s", code, out)
	}
	if code, out := e.call(t, http.MethodDelete, "/api/v1/projects/mad/sources/"+other, e.owner, "", nil); code != 200 || !strings.Contains(out, `"sources":1`) {
		t.Errorf("erase source: %d %s", code, out)
	}
	if n := e.sources(t); n != 1 {
		t.Errorf("%d sources left, want 1", n)
	}
	_, out = e.call(t, http.MethodGet, "/api/v1/projects/mad/audit", e.owner, "", nil)
	for _, action := range []string{"erase.participant", "erase.note", "erase.source", "subject.access"} {
		if !strings.Contains(out, `"`+action+`"`) {
			t.Errorf("audit lacks %s", action)
		}
	}
	if strings.Contains(out, "makrelsalat") || strings.Contains(out, "Karen") {
		t.Errorf("the audit log holds erased text: %s", out)
	}
}
