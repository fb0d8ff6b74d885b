package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var nextRE = regexp.MustCompile(`<a href="(/p/mad/audit\?[^"]*cursor=[^"]*)"`)

func rowsOf(page string) string {
	i := strings.Index(page, "<tbody>")
	j := strings.Index(page, "</tbody>")
	if i < 0 || j < i {
		return ""
	}
	return page[i:j]
}

// TestAccessLogPage: a search, a source read and an export by user A
// appear in the project's access log with the right fields and without
// note or query text; the page filters by user and action, the CSV is for
// Danish Excel, an admin sees every project, a member who does not manage
// is refused.
func TestAccessLogPage(t *testing.T) {
	e := newAttackEnv(t, "")
	_, items := e.upload(t, e.owner, map[string][]byte{"samtale.txt": []byte("Borgeren spiser rugbrød med makrelsalat hver dag.\n\nHun savner fællesskabet.\n")})
	src := items[0]["source_id"].(string)
	waitReady(t, e.srv.url)
	// User A is the owner: a search, a source read, an export.
	if code, _, out := e.search(t, e.owner, "mad", "makrelsalat"); code != 200 {
		t.Fatalf("search: %d %s", code, out)
	}
	if code, _ := e.call(t, http.MethodGet, "/api/v1/projects/mad/sources/"+src, e.owner, "", nil); code != 200 {
		t.Fatalf("source read: %d", code)
	}
	if code, _ := e.call(t, http.MethodGet, "/api/v1/projects/mad/reports/effects.csv", e.owner, "", nil); code != 200 {
		t.Fatalf("export: %d", code)
	}
	// The analyst searches too: filtered away by user.
	e.search(t, e.analyst, "mad", "fællesskabet")

	c, _, code := webSession(t, e.srv.url, "", e.ownerMail, attackPassword)
	if code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", code)
	}
	page := func(c *http.Client, path string) (int, string, http.Header) {
		resp, err := c.Get(e.srv.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	code, body, _ := page(c, "/p/mad/audit?user="+e.ownerMail)
	if code != 200 {
		t.Fatalf("audit page: %d", code)
	}
	for _, want := range []string{"<td>search</td>", "<td>source.read</td>", "<td>source:" + src + "</td>", "<td>report.export</td>", "<td>report:effects.csv</td>", e.ownerMail} {
		if !strings.Contains(body, want) {
			t.Errorf("the owner's log lacks %q", want)
		}
	}
	if strings.Contains(body, e.analystMail) {
		t.Error("filtered by user, the page shows another user's rows")
	}
	for _, secret := range []string{"makrelsalat", "fællesskabet", "rugbrød"} {
		if strings.Contains(body, secret) {
			t.Errorf("the access log shows note or query text %q", secret)
		}
	}
	_, body, _ = page(c, "/p/mad/audit?action=search")
	if !strings.Contains(body, e.analystMail) || strings.Contains(body, "<td>source.read</td>") || strings.Contains(body, "<td>report.export</td>") {
		t.Error("filtered by action search, the page shows other actions or lacks the analyst's search")
	}
	code, csv, h := page(c, "/p/mad/audit.csv?action=source.read")
	if code != 200 || !strings.HasPrefix(csv, "\ufeffTidspunkt;Bruger;") || !strings.Contains(csv, ";source.read;source:"+src+";") || strings.Contains(csv, "search;") ||
		!strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("CSV: %d %q\n%s", code, h.Get("Content-Disposition"), csv)
	}
	if code, _, _ := page(c, "/admin/audit"); code != http.StatusForbidden {
		t.Errorf("a designer on /admin/audit: %d", code)
	}
	ac, _, _ := webSession(t, e.srv.url, "", e.analystMail, attackPassword)
	if code, _, _ := page(ac, "/p/mad/audit"); code != http.StatusForbidden {
		t.Errorf("an analyst on the project's log: %d", code)
	}
	adm, _, code := webSession(t, e.srv.url, "", "admin@kolding.dk", attackPassword)
	if code != http.StatusSeeOther {
		t.Fatalf("admin sign-in: %d", code)
	}
	_, body, _ = page(adm, "/admin/audit?action=project.create")
	if !strings.Contains(body, "<td>mad</td>") || !strings.Contains(body, "<td>andet</td>") {
		t.Errorf("the admin's log does not span projects:\n%s", body)
	}
	if code, _, _ := page(adm, "/admin/audit?from=igår"); code != http.StatusBadRequest {
		t.Errorf("a malformed date: %d", code)
	}
	// Paging: one row per page.
	_, first, _ := page(c, "/p/mad/audit?user="+e.ownerMail+"&limit=1")
	m := nextRE.FindStringSubmatch(first)
	if m == nil || strings.Count(first, "<tr><td><time") != 1 {
		t.Fatalf("a page of one row without a link to the next:\n%s", first)
	}
	_, second, _ := page(c, strings.ReplaceAll(m[1], "&amp;", "&"))
	if strings.Count(second, "<tr><td><time") != 1 || rowsOf(second) == rowsOf(first) {
		t.Error("the next page repeats the first")
	}
}
