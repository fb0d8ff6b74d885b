package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// TestSIGTERMDuringUpload sends SIGTERM to a real server while an upload's
// body is half sent: the server stops accepting, lets the upload finish
// (201), brings the index up to date and exits 0; after a restart every
// note of the store is in the index exactly once.
func TestSIGTERMDuringUpload(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			tok := setupProject(t, db, data)
			srv := startServer(t, db, data)
			const paragraphs = 3000
			status, finish := halfUpload(t, srv.url, tok, paragraphs)
			time.Sleep(300 * time.Millisecond) // the server has read the headers: the request is in flight
			if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			finish()
			if code := <-status; code != http.StatusCreated {
				t.Errorf("the upload in flight at SIGTERM: %d, want 201", code)
			}
			if code := exitCode(t, srv); code != 0 {
				t.Fatalf("serve exited %d after SIGTERM, want 0\n%s", code, srv.logs.String())
			}
			indexFlushed(t, db, data)
			srv = startServer(t, db, data)
			waitReady(t, srv.url)
			want, got := storeNoteIDs(t, db, data), indexNoteIDs(t, srv.url, tok)
			if len(want) != paragraphs || len(got) != len(want) {
				t.Errorf("store %d notes, index %d, want %d", len(want), len(got), paragraphs)
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

// halfUpload starts an upload whose body stops halfway until finish is
// called; status receives the answer's status (0: no answer).
func halfUpload(t *testing.T, base, tok string, paragraphs int) (status chan int, finish func()) {
	t.Helper()
	var body strings.Builder
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "lang-interview.txt")
	for p := 0; p < paragraphs; p++ {
		fmt.Fprintf(w, "Afsnit %d: borgeren fortæller om sin hverdag, om køleskabet og om bussen til byen.\n\n", p)
	}
	mw.Close()
	all := body.String()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/api/v1/projects/crash/sources", pr)
	req.ContentLength = int64(len(all))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status = make(chan int, 1)
	go func() {
		c := http.Client{Timeout: 2 * time.Minute}
		resp, err := c.Do(req)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	if _, err := io.WriteString(pw, all[:len(all)/2]); err != nil {
		t.Fatal(err)
	}
	return status, func() {
		_, _ = io.WriteString(pw, all[len(all)/2:])
		pw.Close()
	}
}

// exitCode waits (bounded) for a server that was told to stop.
func exitCode(t *testing.T, srv *runningServer) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- srv.cmd.Wait() }()
	select {
	case <-done:
		return srv.cmd.ProcessState.ExitCode()
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not exit within 60 s of SIGTERM")
		return -1
	}
}

// indexFlushed checks that the index a stopped server left on disk has
// every committed change: its checkpoint is the store's latest.
func indexFlushed(t *testing.T, db, data string) {
	t.Helper()
	s, err := store.Open(context.Background(), db, data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	latest, err := s.LatestCheckpoint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(filepath.Join(data, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	b, err := ix.Checkpoint()
	if err != nil {
		t.Fatal(err)
	}
	var cp store.Checkpoint
	if err := json.Unmarshal(b, &cp); err != nil || cp != latest {
		t.Errorf("index checkpoint %s, store's latest %+v: the index was not flushed at shutdown", b, latest)
	}
}
