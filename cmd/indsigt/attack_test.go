package main

// The attacker suite of issue 12: each numbered finding is tried against a
// real `indsigt serve` process, and each must be refused with a clear 4xx
// (or bounded), leave nothing half-written, keep the server's peak memory
// (VmHWM) under 1 GiB, and leave the server up.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"indsigt/internal/testkit"
	"indsigt/store/storetest"
)

const attackPassword = "et-langt-kodeord"

// attackEnv is a server with an owner (designer), an analyst member and a
// designer from another project, each with an API token.
type attackEnv struct {
	srv                    *runningServer
	db, data               string
	owner, analyst, bo     string // tokens
	ownerMail, analystMail string
}

func newAttackEnv(t *testing.T, db string, env ...string) *attackEnv {
	t.Helper()
	data := t.TempDir()
	e := &attackEnv{db: db, data: data, ownerMail: "ejer@kolding.dk", analystMail: "analytiker@kolding.dk"}
	for _, u := range [][2]string{{e.ownerMail, "designer"}, {e.analystMail, "analyst"}, {"bo@kolding.dk", "designer"}, {"admin@kolding.dk", "admin"}} {
		if _, errs, code := cli(t, db, data, attackPassword+"\n", "user", "add", "--email", u[0], "--name", "Bruger "+u[1], "--role", u[1], "--password-stdin"); code != 0 {
			t.Fatalf("user add %s: %s", u[0], errs)
		}
	}
	tok := func(email string) string {
		out, errs, code := cli(t, db, data, "", "token", "create", "--email", email)
		if code != 0 {
			t.Fatalf("token create: %s", errs)
		}
		return strings.TrimSpace(out)
	}
	e.owner, e.analyst, e.bo = tok(e.ownerMail), tok(e.analystMail), tok("bo@kolding.dk")
	for _, p := range [][2]string{{"mad", e.ownerMail}, {"andet", "bo@kolding.dk"}} {
		if _, errs, code := cli(t, db, data, "", "project", "create", "--slug", p[0], "--name", "Projekt "+p[0], "--purpose", "Forstå hverdagen", "--retention-days", "730", "--owner", p[1]); code != 0 {
			t.Fatalf("project create: %s", errs)
		}
	}
	if _, errs, code := cli(t, db, data, "", "member", "add", "--project", "mad", "--email", e.analystMail); code != 0 {
		t.Fatalf("member add: %s", errs)
	}
	for i := 0; i+1 < len(env); i += 2 {
		t.Setenv(env[i], env[i+1])
	}
	e.srv = startServer(t, db, data)
	return e
}

// call sends a request with a bearer token and returns the status and body.
func (e *attackEnv) call(t *testing.T, method, path, tok, contentType string, body io.Reader) (int, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), method, e.srv.url+path, body)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	c := http.Client{Timeout: 5 * time.Minute}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (e *attackEnv) json(t *testing.T, method, path, tok, body string) (int, string) {
	t.Helper()
	return e.call(t, method, path, tok, "application/json", strings.NewReader(body))
}

// upload sends files to the API and decodes the per-file results.
func (e *attackEnv) upload(t *testing.T, tok string, files map[string][]byte) (int, []map[string]any) {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sortStrings(names)
	parts := make([]testkit.File, 0, len(names))
	for _, n := range names {
		parts = append(parts, testkit.File{Name: n, Body: files[n]})
	}
	body, contentType := testkit.Multipart(nil, parts...)
	code, out := e.call(t, http.MethodPost, "/api/v1/projects/mad/sources", tok, contentType, body)
	var res struct{ Items []map[string]any }
	_ = json.Unmarshal([]byte(out), &res)
	return code, res.Items
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// sources is the number of sources in the project.
func (e *attackEnv) sources(t *testing.T) int {
	t.Helper()
	code, out := e.call(t, http.MethodGet, "/api/v1/projects/mad/sources?limit=100", e.owner, "", nil)
	var res struct{ Items []json.RawMessage }
	if code != 200 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("sources: %d %s", code, out)
	}
	return len(res.Items)
}

// alive checks that the server still answers and that its peak resident
// memory stayed under 1 GiB; it returns the peak in MiB.
func (e *attackEnv) alive(t *testing.T) int {
	t.Helper()
	if c := get(t, e.srv.url+"/healthz", ""); c != 200 {
		t.Fatalf("server unhealthy after the attack: %d", c)
	}
	mib := vmHWM(t, e.srv.cmd.Process.Pid)
	if mib >= 1024 {
		t.Errorf("server peak RSS %d MiB, want under 1024", mib)
	}
	return mib
}

func vmHWM(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM")
	return 0
}

// docx builds a Word file whose document body is what write writes.
func docx(t *testing.T, write func(w io.Writer)) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	f, _ := zw.Create("word/document.xml")
	_, _ = io.WriteString(f, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	write(f)
	_, _ = io.WriteString(f, `</w:body></w:document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func oneWordDocx(t *testing.T, n int) []byte {
	return docx(t, func(w io.Writer) {
		_, _ = io.WriteString(w, "<w:p><w:r><w:t>")
		chunk := bytes.Repeat([]byte("a"), 1<<20)
		for left := n; left > 0; left -= len(chunk) {
			_, _ = w.Write(chunk[:min(left, len(chunk))])
		}
		_, _ = io.WriteString(w, "</w:t></w:r></w:p>")
	})
}

func refusedNaming(t *testing.T, what string, items []map[string]any, limit string) {
	t.Helper()
	if len(items) != 1 || items[0]["status"] != "failed" || !strings.Contains(fmt.Sprint(items[0]["error"]), limit) {
		t.Errorf("%s: %v, want a failed file naming %s", what, items, limit)
	}
}

// TestAttackMemoryFromOneUpload is finding 1: one word of 20 MiB and one
// of 180 MiB (inside the docx limit) in a small docx, and a txt of one
// 40 MiB word. Each file is refused naming INDSIGT_MAX_WORD_BYTES, no
// source is written, the change log holds nothing to index at restart, and
// the server's peak memory stays under 1 GiB. A long note of real
// sentences is split, not refused.
func TestAttackMemoryFromOneUpload(t *testing.T) {
	e := newAttackEnv(t, "")
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"ord20.docx", oneWordDocx(t, 20<<20)},
		{"ord180.docx", oneWordDocx(t, 180<<20)},
		{"ord40.txt", bytes.Repeat([]byte("ø"), 20<<20)},
	} {
		code, items := e.upload(t, e.owner, map[string][]byte{c.name: c.data})
		if code >= 500 {
			t.Fatalf("%s: %d", c.name, code)
		}
		refusedNaming(t, c.name, items, "INDSIGT_MAX_WORD_BYTES")
		t.Logf("%s (%d bytes uploaded): peak RSS %d MiB", c.name, len(c.data), e.alive(t))
	}
	if n := e.sources(t); n != 0 {
		t.Errorf("%d sources written by refused files", n)
	}
	long := strings.Repeat("Borgeren fortæller om køleskabet og om naboen, der handler ind. ", 4000) // 256 KiB, one paragraph
	_, items := e.upload(t, e.owner, map[string][]byte{"lang.txt": []byte(long)})
	if len(items) != 1 || items[0]["status"] != "ingested" || items[0]["notes"].(float64) < 8 {
		t.Errorf("a long paragraph of sentences: %v, want it split into notes", items)
	}
	e.srv.stop(t)
	e.srv = startServer(t, e.db, e.data)
	waitReady(t, e.srv.url)
	t.Logf("after restart: peak RSS %d MiB", e.alive(t))
}

// TestAttackNoteFlood is finding 2: a 30 KB docx of 200,000 paragraphs and
// a small txt of 300,000 notes are refused naming the per-file limit; an
// upload's files together are bounded by the per-upload limit, the file
// that would cross it failing whole.
func TestAttackNoteFlood(t *testing.T) {
	e := newAttackEnv(t, "", "INDSIGT_MAX_NOTES_PER_UPLOAD", "10")
	flood := docx(t, func(w io.Writer) {
		for range 200000 {
			_, _ = io.WriteString(w, "<w:p><w:r><w:t>a</w:t></w:r></w:p>")
		}
	})
	for name, data := range map[string][]byte{"mange.docx": flood, "mange.txt": bytes.Repeat([]byte("a\n\n"), 300000)} {
		_, items := e.upload(t, e.owner, map[string][]byte{name: data})
		refusedNaming(t, fmt.Sprintf("%s (%d bytes)", name, len(data)), items, "INDSIGT_MAX_NOTES_PER_FILE")
	}
	four := func(i int) []byte {
		return []byte(fmt.Sprintf("Fil %d, et.\n\nTo.\n\nTre.\n\nFire.", i))
	}
	_, items := e.upload(t, e.owner, map[string][]byte{"a.txt": four(1), "b.txt": four(2), "c.txt": four(3)})
	if len(items) != 3 || items[0]["status"] != "ingested" || items[1]["status"] != "ingested" || items[2]["status"] != "failed" ||
		!strings.Contains(fmt.Sprint(items[2]["error"]), "INDSIGT_MAX_NOTES_PER_UPLOAD") {
		t.Errorf("3 × 4 notes at a limit of 10 per upload: %v", items)
	}
	if n := e.sources(t); n != 2 {
		t.Errorf("%d sources, want the 2 that fit", n)
	}
	t.Logf("peak RSS %d MiB", e.alive(t))
}

// webSession signs in through the login form from a given local address
// and returns a client with the session and the page's CSRF token.
func webSession(t *testing.T, base, from, email, password string) (*http.Client, string, int) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if from != "" {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
		c.Transport = &http.Transport{DialContext: d.DialContext}
	}
	code := postLogin(t, c, base, pageCSRF(t, c, base+"/login"), email, password)
	if code != http.StatusSeeOther {
		return c, "", code
	}
	return c, pageCSRF(t, c, base+"/"), code
}

// push writes head and then up to total body bytes on a raw connection,
// reading the answer meanwhile; it returns the status (0: none) and how
// many body bytes the server let in before answering.
func push(t *testing.T, addr, head string, chunked bool, total int64) (int, int64) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	status := make(chan int, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	data := bytes.Repeat([]byte("x"), 64<<10)
	frame := data
	if chunked {
		frame = append(append([]byte(fmt.Sprintf("%x\r\n", len(data))), data...), "\r\n"...)
	}
	var sent int64
	for sent < total {
		select {
		case s := <-status:
			return s, sent
		default:
		}
		_ = conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		n, err := conn.Write(frame)
		sent += int64(n)
		if err != nil {
			break
		}
	}
	select {
	case s := <-status:
		return s, sent
	case <-time.After(20 * time.Second):
		return 0, sent
	}
}

// TestAttackBodiesBeforeChecks is finding 3: 400 MiB multipart bodies to
// POST /login, /lang and an analyst's upload, with a Content-Length and
// chunked, are answered with a 4xx before the body is read: the server
// lets in a few MiB at most (what the sockets buffer) and spools nothing
// to its temp dir.
func TestAttackBodiesBeforeChecks(t *testing.T) {
	tmp := t.TempDir()
	e := newAttackEnv(t, "", "TMPDIR", tmp)
	addr := strings.TrimPrefix(e.srv.url, "http://")
	client, csrf, code := webSession(t, e.srv.url, "", e.analystMail, attackPassword)
	if code != http.StatusSeeOther || csrf == "" {
		t.Fatalf("analyst sign-in: %d", code)
	}
	u, _ := url.Parse(e.srv.url)
	var cookies []string
	for _, c := range client.Jar.Cookies(u) {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	const total = 400 << 20
	const boundary = "XXgraenseXX"
	part := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.txt\"\r\n\r\n"
	for _, c := range []struct {
		name, path, cookie string
	}{
		{"login", "/login", ""},
		{"lang", "/lang", ""},
		{"analyst upload", "/p/mad/sources", strings.Join(cookies, "; ")},
	} {
		for _, chunked := range []bool{false, true} {
			head := "POST " + c.path + " HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n"
			if c.cookie != "" {
				head += "Cookie: " + c.cookie + "\r\n"
			}
			if chunked {
				head += "Transfer-Encoding: chunked\r\n\r\n" + fmt.Sprintf("%x\r\n%s\r\n", len(part), part)
			} else {
				head += fmt.Sprintf("Content-Length: %d\r\n\r\n%s", total+len(part), part)
			}
			status, sent := push(t, addr, head, chunked, total)
			t.Logf("%s (chunked %v): %d after %d KiB", c.name, chunked, status, sent>>10)
			if status < 400 || status >= 500 {
				t.Errorf("%s (chunked %v): status %d, want a 4xx", c.name, chunked, status)
			}
			if sent > 32<<20 {
				t.Errorf("%s (chunked %v): the server read %d MiB before answering", c.name, chunked, sent>>20)
			}
		}
	}
	if ents, _ := os.ReadDir(tmp); len(ents) > 0 {
		t.Errorf("bodies spooled to the temp dir: %v", ents)
	}
	if n := e.sources(t); n != 0 {
		t.Errorf("%d sources from refused uploads", n)
	}
	t.Logf("peak RSS %d MiB", e.alive(t))
}

// TestAttackLoginThrottling is finding 4: an attacker's wrong passwords
// from one address do not lock the owner out of another address, and
// spraying many accounts from one address is slowed with an honest wait.
func TestAttackLoginThrottling(t *testing.T) {
	e := newAttackEnv(t, "")
	var last int
	for range 12 {
		_, _, last = webSession(t, e.srv.url, "127.0.0.2", e.ownerMail, "forkert-kodeord")
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("12th wrong password: %d, want 429 (slowed)", last)
	}
	if _, _, code := webSession(t, e.srv.url, "127.0.0.3", e.ownerMail, attackPassword); code != http.StatusSeeOther {
		t.Errorf("the owner from a clean address after the attack: %d, want 303", code)
	}
	slowed := false
	for i := range 15 {
		if _, _, code := webSession(t, e.srv.url, "127.0.0.4", fmt.Sprintf("bruger%d@kolding.dk", i), "gæt"); code == http.StatusTooManyRequests {
			slowed = true
			break
		}
	}
	if !slowed {
		t.Error("spraying 15 accounts from one address was not slowed")
	}
	e.alive(t)
}

// TestAttackOwnerGrantsAtMostOwnRole is finding 5: a designer who owns a
// project cannot make himself or anyone else admin there.
func TestAttackOwnerGrantsAtMostOwnRole(t *testing.T) {
	e := newAttackEnv(t, "")
	for _, email := range []string{e.ownerMail, e.analystMail, "admin@kolding.dk"} {
		for _, role := range []string{`"admin"`} {
			code, out := e.json(t, http.MethodPost, "/api/v1/projects/mad/members", e.owner, `{"email":"`+email+`","role":`+role+`}`)
			if code != http.StatusBadRequest && code != http.StatusForbidden && code != http.StatusUnprocessableEntity {
				t.Errorf("owner grants %s role %s: %d %s", email, role, code, out)
			}
		}
	}
	// No role: the admin's own, capped at the owner's.
	if code, out := e.json(t, http.MethodPost, "/api/v1/projects/mad/members", e.owner, `{"email":"admin@kolding.dk"}`); code >= 300 || !strings.Contains(out, `"designer"`) {
		t.Errorf("owner adds an admin without a role: %d %s, want designer", code, out)
	}
	_, out := e.call(t, http.MethodGet, "/api/v1/projects/mad/members", e.owner, "", nil)
	if strings.Contains(out, `"admin"`) {
		t.Errorf("someone became project admin: %s", out)
	}
	if code, out := e.json(t, http.MethodPost, "/api/v1/projects/mad/members", e.owner, `{"email":"bo@kolding.dk","role":"analyst"}`); code != http.StatusCreated && code != http.StatusOK {
		t.Errorf("owner grants a lesser role: %d %s", code, out)
	}
	e.alive(t)
}

// TestAttackLanguageOnlyByPost is finding 6: a GET with ?lang= does not
// change the session's language.
func TestAttackLanguageOnlyByPost(t *testing.T) {
	e := newAttackEnv(t, "")
	c, _, code := webSession(t, e.srv.url, "", e.ownerMail, attackPassword)
	if code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", code)
	}
	page := func(path string) string {
		req, _ := http.NewRequest(http.MethodGet, e.srv.url+path, nil)
		req.Header.Set("Accept-Language", "da")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	page("/?lang=en")
	if !strings.Contains(page("/"), `<html lang="da">`) {
		t.Error("GET /?lang=en changed the session's language")
	}
	e.alive(t)
}

type searchAnswer struct {
	Total int `json:"total"`
	Items []struct {
		NoteID string  `json:"note_id"`
		Score  float64 `json:"score"`
	} `json:"items"`
}

func (e *attackEnv) search(t *testing.T, tok, slug, q string) (int, searchAnswer, string) {
	t.Helper()
	code, out := e.call(t, http.MethodGet, "/api/v1/projects/"+slug+"/search?q="+url.QueryEscape(q), tok, "", nil)
	var a searchAnswer
	_ = json.Unmarshal([]byte(out), &a)
	return code, a, out
}

// TestAttackSearchSideChannelAndCost is findings 7 and 8: a hit's score in
// one project does not move when another project gets notes with the same
// word, and expensive queries are refused with a clear 400, also six at
// once, quickly.
func TestAttackSearchSideChannelAndCost(t *testing.T) {
	e := newAttackEnv(t, "")
	var text strings.Builder
	for i := range 30 {
		fmt.Fprintf(&text, "Borger %d taler om madpakken og om køleskabet i opgangen.\n\n", i)
	}
	if _, items := e.upload(t, e.owner, map[string][]byte{"a.txt": []byte(text.String())}); len(items) != 1 || items[0]["status"] != "ingested" {
		t.Fatalf("upload: %v", items)
	}
	waitReady(t, e.srv.url)
	_, before, _ := e.search(t, e.owner, "mad", "opgangen")
	if before.Total == 0 {
		t.Fatal("no hits")
	}
	var otherText strings.Builder
	for i := range 200 {
		fmt.Fprintf(&otherText, "Opgangen, opgangen og opgangen nummer %d.\n\n", i)
	}
	other, contentType := testkit.Multipart(nil, testkit.Text("b.txt", otherText.String()))
	if code, out := e.call(t, http.MethodPost, "/api/v1/projects/andet/sources", e.bo, contentType, other); code != http.StatusCreated {
		t.Fatalf("upload in the other project: %d %s", code, out)
	}
	waitReady(t, e.srv.url)
	_, after, _ := e.search(t, e.owner, "mad", "opgangen")
	if len(after.Items) == 0 || after.Items[0].Score != before.Items[0].Score || after.Total != before.Total {
		t.Errorf("score in project mad moved when project andet got the word: %v → %v", before.Items, after.Items)
	}
	var ors []string
	for i := range 50 {
		ors = append(ors, fmt.Sprintf("%c%c%c*", 'a'+i%26, 'a'+(i/26)%26, 'b'+i%7))
	}
	q := strings.Join(ors, " OR ")
	start := time.Now()
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, out := e.search(t, e.analyst, "mad", q)
			if code != http.StatusBadRequest || !strings.Contains(out, "prefix") {
				t.Errorf("50 OR'd prefixes: %d %s, want 400 naming the prefix bound", code, out)
			}
		}()
	}
	wg.Wait()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("six expensive queries took %v", d)
	}
	e.alive(t)
}

// TestAttackSlowBodies is finding 9: a body sent at 1 byte per 2 s, and
// headers that never end, lose their connection within the listener's
// bounds, and one address cannot hold more connections than its cap.
func TestAttackSlowBodies(t *testing.T) {
	e := newAttackEnv(t, "", "INDSIGT_MAX_CONNS_PER_IP", "8")
	addr := strings.TrimPrefix(e.srv.url, "http://")
	cutOff := func(name string, head string, trickle bool) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, _ = io.WriteString(conn, head)
		closed := make(chan struct{})
		go func() {
			_, _ = io.Copy(io.Discard, conn)
			close(closed)
		}()
		start := time.Now()
		for time.Since(start) < 60*time.Second {
			select {
			case <-closed:
				t.Logf("%s: cut off after %v", name, time.Since(start).Round(time.Second))
				if d := time.Since(start); d > 30*time.Second {
					t.Errorf("%s held the connection %v", name, d)
				}
				return
			case <-time.After(2 * time.Second):
				if trickle {
					_, _ = conn.Write([]byte("x"))
				}
			}
		}
		t.Errorf("%s: connection still open after a minute", name)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		cutOff("slow body", "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n", true)
	}()
	go func() {
		defer wg.Done()
		cutOff("endless headers", "GET / HTTP/1.1\r\nHost: x\r\nX-A: ", true)
	}()
	wg.Wait()
	var conns []net.Conn
	for range 8 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	time.Sleep(300 * time.Millisecond)
	extra, err := net.Dial("tcp", addr)
	if err == nil {
		_ = extra.SetReadDeadline(time.Now().Add(3 * time.Second))
		fmt.Fprintf(extra, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		if _, err := bufio.NewReader(extra).ReadByte(); err == nil {
			t.Error("a ninth connection from one address was served at a cap of 8")
		}
		extra.Close()
	}
	for _, c := range conns {
		c.Close()
	}
	time.Sleep(300 * time.Millisecond)
	e.alive(t)
}

// TestAttackNULAndHTTPS is finding 10: a NUL byte in any text field is a
// 400 naming the utf8 rule on both stores, the input never reaches the
// log, HSTS is sent behind https, and no known-vulnerable quic-go is in
// go.sum.
func TestAttackNULAndHTTPS(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			e := newAttackEnv(t, storetest.DSN(t, dialect))
			const marker = "hemmelig\u0000tekst"
			js := func(s string) string { b, _ := json.Marshal(s); return string(b) }
			var insight string
			code, out := e.json(t, http.MethodPost, "/api/v1/projects/mad/insights", e.owner, `{"title":"Mad","statement":"Borgere spiser alene"}`)
			if code == http.StatusCreated {
				var in struct{ ID string }
				_ = json.Unmarshal([]byte(out), &in)
				insight = in.ID
			}
			for _, c := range []struct{ method, path, body string }{
				{"POST", "/api/v1/projects", `{"slug":"nul","name":` + js(marker) + `,"purpose":"x","retention_days":30}`},
				{"POST", "/api/v1/projects", `{"slug":"nul2","name":"Nul","purpose":` + js(marker) + `,"retention_days":30}`},
				{"POST", "/api/v1/projects/mad/insights", `{"title":` + js(marker) + `,"statement":"x"}`},
				{"POST", "/api/v1/projects/mad/insights", `{"title":"x","statement":` + js(marker) + `}`},
				{"POST", "/api/v1/projects/mad/codebook", `{"name":` + js(marker) + `}`},
				{"POST", "/api/v1/projects/mad/saved-searches", `{"name":` + js(marker) + `,"query":"mad"}`},
				{"POST", "/api/v1/projects/mad/saved-searches", `{"name":"mad","query":` + js(marker) + `}`},
				{"POST", "/api/v1/projects/mad/members", `{"email":` + js(marker) + `}`},
				{"POST", "/api/v1/projects/mad/insights/" + insight + "/phase", `{"phase":"skab","reason":` + js(marker) + `}`},
				{"POST", "/api/v1/projects/mad/insights/" + insight + "/tests", `{"title":` + js(marker) + `,"outcome":"open"}`},
				{"PATCH", "/api/v1/projects/mad/insights/" + insight, `{"title":` + js(marker) + `}`},
			} {
				code, out := e.json(t, c.method, c.path, e.owner, c.body)
				if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
					t.Errorf("%s %s with a NUL: %d %s", c.method, c.path, code, out)
				} else if !strings.Contains(out, "utf8") && !strings.Contains(out, "NUL") {
					t.Errorf("%s %s: %s, want the utf8 rule named", c.method, c.path, out)
				}
			}
			if code, _, out := e.search(t, e.owner, "mad", marker); code >= 500 {
				t.Errorf("search with a NUL: %d %s", code, out)
			}
			if _, _, code := webSession(t, e.srv.url, "", "ejer\u0000@kolding.dk", "x"); code >= 500 {
				t.Errorf("login with a NUL in the e-mail: %d", code)
			}
			if strings.Contains(e.srv.logs.String(), "hemmelig") {
				t.Errorf("the input reached the log:\n%s", e.srv.logs.String())
			}
			e.alive(t)
		})
	}
	data := t.TempDir()
	srv := startServer(t, "", data, "--base-url", "https://indsigt.kolding.dk")
	resp, err := http.Get(srv.url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if h := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(h, "max-age=") {
		t.Errorf("behind https no HSTS: %q", h)
	}
	sum, err := os.ReadFile(filepath.Join("..", "..", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sum), "quic-go v0.59.0 ") {
		t.Error("go.sum holds quic-go v0.59.0 (known vulnerability, fixed in v0.59.1)")
	}
}
