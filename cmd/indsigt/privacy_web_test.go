package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestEraseInTheWebApp: the overview shows each source's expiry; the
// source page and the participant page offer "Slet for altid" behind a
// confirmation, a POST without it erases nothing, with it the text is gone.
func TestEraseInTheWebApp(t *testing.T) {
	e := newAttackEnv(t, "")
	_, items := e.upload(t, e.owner, map[string][]byte{
		"a.txt": []byte("Interviewer: Hvad spiser du?\n\nKaren Hansen: Rugbrød med makrelsalat.\n"),
		"b.txt": []byte("Opgangen er kold om vinteren.\n"),
	})
	srcA, srcB := items[0]["source_id"].(string), items[1]["source_id"].(string)
	waitReady(t, e.srv.url)
	c, csrf, code := webSession(t, e.srv.url, "", e.ownerMail, attackPassword)
	if code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", code)
	}
	get := func(path string) (int, string) {
		resp, err := c.Get(e.srv.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(path string, form url.Values) int {
		form.Set("csrf_token", csrf)
		resp, err := c.PostForm(e.srv.url+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	_, overview := get("/p/mad")
	if !strings.Contains(overview, "<time datetime=") || !strings.Contains(overview, "Slettes") {
		t.Error("the overview does not show when sources expire")
	}
	_, source := get("/p/mad/sources/" + srcB)
	if !strings.Contains(source, "Slet for altid") || !strings.Contains(source, "/p/mad/sources/"+srcB+"/erase") {
		t.Fatal("the source page has no erasure control")
	}
	if code := post("/p/mad/sources/"+srcB+"/erase", url.Values{}); code != http.StatusBadRequest {
		t.Errorf("erase without confirmation: %d", code)
	}
	if n := e.sources(t); n != 2 {
		t.Fatalf("an unconfirmed erasure erased: %d sources", n)
	}
	if code := post("/p/mad/sources/"+srcB+"/erase", url.Values{"confirm": {"yes"}}); code != http.StatusSeeOther {
		t.Errorf("erase source: %d", code)
	}
	if n := e.sources(t); n != 1 {
		t.Errorf("%d sources after erasure, want 1", n)
	}
	code, participant := get("/p/mad/participants/Borger-1")
	if code != 200 || !strings.Contains(participant, "makrelsalat") || !strings.Contains(participant, "/p/mad/participants/Borger-1/erase") {
		t.Fatalf("participant page: %d", code)
	}
	if code, _ := get("/p/mad/participants/Borger-1/report.html"); code != 200 {
		t.Errorf("printable report: %d", code)
	}
	if code := post("/p/mad/participants/Borger-1/erase", url.Values{"confirm": {"yes"}}); code != http.StatusSeeOther {
		t.Errorf("erase participant: %d", code)
	}
	if _, a, _ := e.search(t, e.owner, "mad", "makrelsalat"); a.Total != 0 {
		t.Errorf("after erasure: %d hits", a.Total)
	}
	ac, _, _ := webSession(t, e.srv.url, "", e.analystMail, attackPassword)
	resp, err := ac.Get(e.srv.url + "/p/mad/sources/" + srcA)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), "Slet for altid") {
		t.Error("an analyst sees the erasure control")
	}
}
