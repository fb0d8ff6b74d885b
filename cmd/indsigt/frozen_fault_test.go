package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"indsigt/internal/testkit"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestFrozenServerDoesNotHangTheOthers runs two servers on one PostgreSQL
// and freezes server A (SIGSTOP) while its upload holds the project's
// advisory lock in an open transaction. Server B must keep answering: its
// searches in that project and an upload to another project succeed, and
// an upload to the frozen one's project fails cleanly with 503 and
// Retry-After after lock_timeout instead of hanging. After SIGCONT every
// acknowledged upload is in the store whole, the refused one left nothing,
// and both indexes hold exactly the store's notes.
func TestFrozenServerDoesNotHangTheOthers(t *testing.T) {
	if len(storetest.Dialects()) < 2 {
		t.Skipf("%s is not set", storetest.EnvURL)
	}
	t.Setenv("INDSIGT_DB_LOCK_TIMEOUT", "2s")
	db := storetest.DSN(t, store.Postgres)
	dataA, dataB := t.TempDir(), t.TempDir()
	tok := setupProject(t, db, dataA)
	if _, errs, code := cli(t, db, dataA, "", "project", "create", "--slug", "andet", "--name", "Andet", "--owner", "crash@kolding.dk"); code != 0 {
		t.Fatalf("project create: %s", errs)
	}
	a, b := startServer(t, db, dataA), startServer(t, db, dataB)
	conn, err := sql.Open("postgres", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	frozen := freezeHoldingLock(t, a, conn, tok)
	for i := 0; i < 5; i++ {
		if code, _ := send(t, "GET", b.url+"/api/v1/projects/crash/search?q=hverdag&limit=5", tok, nil); code != 200 {
			t.Errorf("search on B in the frozen server's project: %d, want 200", code)
		}
	}
	other, _ := uploadAnswer(t, b.url, "andet", tok, "andet.txt", notesText("andet", 20))
	if other.code != http.StatusCreated {
		t.Errorf("upload on B to another project: %d, want 201", other.code)
	}
	// The upload waits lock_timeout for the project's lock and then gives
	// up: the file fails (the API answers 200 with the failed file, or 503
	// with Retry-After) instead of hanging until the frozen server wakes.
	same, retry := uploadAnswer(t, b.url, "crash", tok, "samme.txt", notesText("samme", 20))
	t.Logf("upload on B to the locked project: %d %s (Retry-After %q)", same.code, same.status, retry)
	if same.code == http.StatusCreated || (same.code == http.StatusOK && same.status != "failed") ||
		(same.code == http.StatusServiceUnavailable && retry == "") || same.code >= 500 && same.code != http.StatusServiceUnavailable {
		t.Errorf("upload on B to the locked project: %d %s (Retry-After %q), want it to fail cleanly", same.code, same.status, retry)
	}
	if err := a.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	held := <-frozen
	t.Logf("the frozen upload answered %d after SIGCONT", held.code)

	for _, u := range []uploaded{held, other} {
		if u.code == http.StatusCreated && storeNotesOf(t, conn, u.sourceID) != u.notes {
			t.Errorf("acknowledged source %s: %d notes in the store, %d acknowledged", u.sourceID, storeNotesOf(t, conn, u.sourceID), u.notes)
		}
	}
	var half int
	if err := conn.QueryRow(`SELECT count(*) FROM sources WHERE filename = 'samme.txt'`).Scan(&half); err != nil || half != 0 {
		t.Errorf("the refused upload left %d sources (%v)", half, err)
	}
	want := projectNotes(t, conn, "crash")
	for _, s := range []*runningServer{a, b} {
		waitIndexTotal(t, s.url, tok, want)
	}
	a.stop(t)
	b.stop(t)
}

// uploaded is an upload's answer.
type uploaded struct {
	code     int
	status   string // the file's status
	sourceID string
	notes    int
}

// freezeHoldingLock uploads a large file to a until its transaction holds
// an advisory lock, then stops a with SIGSTOP; the channel gets the
// upload's answer once a runs again. A file that finished before it could
// be caught is followed by another.
func freezeHoldingLock(t *testing.T, a *runningServer, conn *sql.DB, tok string) <-chan uploaded {
	t.Helper()
	text := notesText("stor", 5000)
	for attempt := 0; attempt < 6; attempt++ {
		answer := make(chan uploaded, 1)
		go func() {
			u, _ := uploadAnswerNoFatal(a.url, "crash", tok, fmt.Sprintf("stor-%d.txt", attempt), strings.Replace(text, "stor", fmt.Sprintf("stor%d", attempt), 1))
			answer <- u
		}()
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case u := <-answer:
				t.Logf("attempt %d: the upload ended (%d) before it was caught holding the lock", attempt, u.code)
				deadline = time.Time{}
				continue
			default:
			}
			if advisoryLocks(t, conn) == 0 {
				time.Sleep(time.Millisecond)
				continue
			}
			if err := a.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = a.cmd.Process.Signal(syscall.SIGCONT) })
			if advisoryLocks(t, conn) > 0 {
				return answer
			}
			_ = a.cmd.Process.Signal(syscall.SIGCONT) // it let go just before the stop
			<-answer
			break
		}
	}
	t.Fatal("never caught server A holding the upload's lock")
	return nil
}

func advisoryLocks(t *testing.T, conn *sql.DB) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// notesText is n paragraphs, each a note, the first carrying word.
func notesText(word string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s afsnit %d: borgeren fortæller om sin hverdag, om maden og om naboerne.\n\n", word, i)
	}
	return b.String()
}

// send is one request with a generous timeout, so that a hang fails the
// test instead of stalling it; it returns the status and the body.
func send(t *testing.T, method, url, tok string, body io.Reader) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, body)
	req.Header.Set("Authorization", "Bearer "+tok)
	c := http.Client{Timeout: 30 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func uploadAnswer(t *testing.T, base, project, tok, name, text string) (uploaded, string) {
	t.Helper()
	u, retry, err := uploadTo(base, project, tok, name, text)
	if err != nil {
		t.Fatalf("upload %s: %v", name, err)
	}
	return u, retry
}

func uploadAnswerNoFatal(base, project, tok, name, text string) (uploaded, string) {
	u, retry, err := uploadTo(base, project, tok, name, text)
	if err != nil {
		return uploaded{code: -1}, ""
	}
	return u, retry
}

func uploadTo(base, project, tok, name, text string) (uploaded, string, error) {
	body, contentType := testkit.Multipart(nil, testkit.Text(name, text))
	req, _ := http.NewRequest("POST", base+"/api/v1/projects/"+project+"/sources", body)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", contentType)
	c := http.Client{Timeout: 90 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		return uploaded{}, "", err
	}
	defer res.Body.Close()
	u := uploaded{code: res.StatusCode}
	var page struct {
		Items []struct {
			Status   string `json:"status"`
			SourceID string `json:"source_id"`
			Notes    int    `json:"notes"`
		} `json:"items"`
	}
	if json.NewDecoder(res.Body).Decode(&page) == nil && len(page.Items) == 1 {
		u.status, u.sourceID, u.notes = page.Items[0].Status, page.Items[0].SourceID, page.Items[0].Notes
	}
	return u, res.Header.Get("Retry-After"), nil
}

func storeNotesOf(t *testing.T, conn *sql.DB, sourceID string) int {
	t.Helper()
	id, err := strconv.ParseInt(sourceID, 10, 64)
	if err != nil {
		t.Fatalf("source id %q: %v", sourceID, err)
	}
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM notes WHERE source_id = $1`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func projectNotes(t *testing.T, conn *sql.DB, slug string) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM notes n JOIN projects p ON p.id = n.project_id WHERE p.slug = $1`, slug).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitIndexTotal waits until the server's search counts exactly want notes
// of kind interview in the project crash (every note is one).
func waitIndexTotal(t *testing.T, base, tok string, want int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got int
	for time.Now().Before(deadline) {
		code, body := send(t, "GET", base+"/api/v1/projects/crash/search?q=kind:interview&facets=false&limit=1", tok, nil)
		var a struct {
			Total int `json:"total"`
		}
		if code == 200 && json.Unmarshal(body, &a) == nil {
			if got = a.Total; got == want {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("%s: the index counts %d notes, the store %d", base, got, want)
}
