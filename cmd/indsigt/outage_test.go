package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"indsigt/store/storetest"
)

// TestDatabaseOutageIsNotSignOut points a real server at a PostgreSQL
// database of its own, then refuses every connection to it and ends the
// open ones: the API token and the web session must get 503 with
// Retry-After, never 401 or the login page, and both work again once the
// database is back, without a restart.
func TestDatabaseOutageIsNotSignOut(t *testing.T) {
	base := os.Getenv(storetest.EnvURL)
	if base == "" {
		t.Skip("PostgreSQL only: set " + storetest.EnvURL)
	}
	admin := otherDB(t, base)
	db := privateDatabase(t, base)
	name := strings.TrimPrefix(mustURL(t, db).Path, "/")
	data := t.TempDir()
	if _, errs, code := cli(t, db, data, "et-langt-kodeord\n", "user", "add", "--email", "ud@kolding.dk", "--name", "Ulla Dahl", "--role", "designer", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	tok, _, _ := cli(t, db, data, "", "token", "create", "--email", "ud@kolding.dk")
	tok = strings.TrimSpace(tok)
	srv := startServer(t, db, data)
	web, _, code := webSession(t, srv.url, "", "ud@kolding.dk", "et-langt-kodeord")
	if code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", code)
	}
	if c := get(t, srv.url+"/api/v1/projects", tok); c != 200 {
		t.Fatalf("before the outage: %d", c)
	}
	mustExec(t, admin, `ALTER DATABASE `+name+` ALLOW_CONNECTIONS false`)
	mustExec(t, admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '`+name+`'`)
	for i := 0; i < 3; i++ {
		resp := do(t, http.DefaultClient, srv.url+"/api/v1/projects", tok)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("API during the outage: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		resp = do(t, web, srv.url+"/", "")
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("web page during the outage: %d (Location %q); want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	mustExec(t, admin, `ALTER DATABASE `+name+` ALLOW_CONNECTIONS true`)
	deadline := time.Now().Add(30 * time.Second)
	for get(t, srv.url+"/api/v1/projects", tok) != 200 {
		if time.Now().After(deadline) {
			t.Fatal("the API did not recover after the database came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp := do(t, web, srv.url+"/", ""); resp.StatusCode != 200 {
		t.Errorf("web page after the outage: %d, want 200 (still signed in)", resp.StatusCode)
	}
	srv.stop(t)
}

// privateDatabase creates a database of its own beside the test database
// (one that a test may close to connections) and drops it afterwards.
func privateDatabase(t *testing.T, base string) string {
	t.Helper()
	admin := otherDB(t, base)
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	name := "outage_" + hex.EncodeToString(b)
	mustExec(t, admin, `CREATE DATABASE `+name)
	t.Cleanup(func() {
		_, _ = admin.Exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS true`)
		_, _ = admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`)
	})
	u := mustURL(t, base)
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String()
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// do sends a GET with an optional bearer token; the body is closed.
func do(t *testing.T, c *http.Client, u, tok string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
