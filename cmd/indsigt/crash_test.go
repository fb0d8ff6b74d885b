package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"indsigt/api"
	"indsigt/internal/testkit"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestCrashDuringIngestAndIndexing kills a real server with SIGKILL while
// files are being uploaded and indexed, round after round, then restarts
// it: every note committed to the store must be in the index exactly once.
func TestCrashDuringIngestAndIndexing(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			tok := setupProject(t, db, data)
			rng := rand.New(rand.NewSource(1))
			for round := 0; round < 8; round++ {
				srv := startServer(t, db, data)
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						uploadText(srv.url, tok, fmt.Sprintf("r%d-f%d.txt", round, i), round, i)
					}
				}()
				time.Sleep(time.Duration(150+rng.Intn(400)) * time.Millisecond)
				_ = srv.cmd.Process.Signal(syscall.SIGKILL)
				_ = srv.cmd.Wait()
				close(stop)
				wg.Wait()
			}
			srv := startServer(t, db, data)
			waitReady(t, srv.url)
			want := storeNoteIDs(t, db, data)
			if len(want) < 20 {
				t.Fatalf("only %d notes were committed; the test did not exercise much", len(want))
			}
			got := indexNoteIDs(t, srv.url, tok)
			t.Logf("%d notes committed across 8 killed servers", len(want))
			if len(got) != len(want) {
				t.Errorf("index has %d notes, store %d", len(got), len(want))
			}
			for id := range want {
				if got[id] != 1 {
					t.Errorf("note %s is in the index %d times", id, got[id])
				}
			}
			srv.stop(t)
		})
	}
}

func setupProject(t *testing.T, db, data string) string {
	t.Helper()
	if _, errs, code := cli(t, db, data, "", "user", "add", "--email", "crash@kolding.dk", "--name", "Crash Østergaard", "--role", "designer"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	tok, _, _ := cli(t, db, data, "", "token", "create", "--email", "crash@kolding.dk")
	if _, errs, code := cli(t, db, data, "", "project", "create", "--slug", "crash", "--name", "Crash", "--owner", "crash@kolding.dk"); code != 0 {
		t.Fatalf("project create: %s", errs)
	}
	return strings.TrimSpace(tok)
}

func uploadText(url, tok, name string, round, i int) {
	var text strings.Builder
	for p := 0; p < 5; p++ {
		fmt.Fprintf(&text, "Runde %d, fil %d, afsnit %d: borgeren fortæller om sin hverdag og om køleskabet.\n\n", round, i, p)
	}
	body, contentType := testkit.Multipart(nil, testkit.Text(name, text.String()))
	req, _ := http.NewRequest("POST", url+"/api/v1/projects/crash/sources", body)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", contentType)
	c := http.Client{Timeout: 5 * time.Second}
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
}

func waitReady(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if get(t, url+"/readyz", "") == 200 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("/readyz never turned ready")
}

func storeNoteIDs(t *testing.T, db, data string) map[string]bool {
	t.Helper()
	s, err := store.Open(context.Background(), db, data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]bool{}
	var after int64
	for {
		ids, err := s.AllNoteIDs(context.Background(), after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			return out
		}
		for _, id := range ids {
			out[fmt.Sprint(id)] = true
		}
		after = ids[len(ids)-1]
	}
}

// indexNoteIDs pages through every note the index returns for the project.
func indexNoteIDs(t *testing.T, url, tok string) map[string]int {
	t.Helper()
	out := map[string]int{}
	cursor := ""
	for {
		code, b := testkit.Call(t, "GET", url+"/api/v1/projects/crash/search?q=kind:interview&facets=false&limit=200&cursor="+cursor, tok, nil)
		var a api.SearchAnswer
		if err := json.Unmarshal(b, &a); err != nil || code != 200 {
			t.Fatalf("search: %d %v", code, err)
		}
		for _, it := range a.Items {
			out[it.NoteID]++
		}
		if a.NextCursor == "" {
			return out
		}
		cursor = a.NextCursor
	}
}
