package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"indsigt/store/storetest"
)

// binary is the indsigt binary built once for the tests that run it as a
// user would, as a separate process.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "indsigt-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "indsigt")
	// One installation key for every process of the run, as servers
	// sharing a database must have.
	keyFile := filepath.Join(dir, "indsigt.key")
	if err := os.WriteFile(keyFile, []byte(strings.Repeat("ab", 32)+"\n"), 0o600); err != nil {
		panic(err)
	}
	os.Setenv("INDSIGT_KEY_FILE", keyFile)
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the binary with the given store and returns stdout, stderr and the exit code.
func cli(t *testing.T, dbURL, data, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL="+dbURL)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// runningServer is a running `indsigt serve` process.
type runningServer struct {
	cmd    *exec.Cmd
	url    string
	stdout *bufio.Reader
	logs   *syncBuffer
}

// syncBuffer collects a process's stderr while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startServer(t *testing.T, dbURL, data string, args ...string) *runningServer {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(binary, append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL="+dbURL)
	out, _ := cmd.StdoutPipe()
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &runningServer{cmd: cmd, url: "http://" + addr, stdout: bufio.NewReader(out), logs: logs}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not become healthy")
	return nil
}

// startupOutput reads what serve prints on stdout up to the line that
// says it is running.
func (s *runningServer) startupOutput(t *testing.T) string {
	t.Helper()
	var out strings.Builder
	for !strings.Contains(out.String(), "indsigt is running") {
		line, err := s.stdout.ReadString('\n')
		if err != nil {
			t.Fatalf("stdout: %v (so far %q)", err, out.String())
		}
		out.WriteString(line)
	}
	return out.String()
}

// stop sends SIGTERM and waits for a clean exit.
func (s *runningServer) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited uncleanly after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
}

func get(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestScriptedSetupAndAccess(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			for i := 0; i < 2; i++ {
				if _, errs, code := cli(t, db, data, "", "migrate"); code != 0 {
					t.Fatalf("migrate #%d: %d %s", i+1, code, errs)
				}
			}
			if _, errs, code := cli(t, db, data, "et-langt-kodeord\n", "user", "add", "--email", "ann@kolding.dk", "--name", "Ann Ærø", "--role", "designer", "--password-stdin"); code != 0 {
				t.Fatalf("user add: %d %s", code, errs)
			}
			if _, _, code := cli(t, db, data, "", "user", "add", "--email", "bo@kolding.dk", "--name", "Bo", "--role", "chef"); code != 2 {
				t.Fatalf("unknown role: exit %d, want 2", code)
			}
			if _, _, code := cli(t, db, data, "", "user", "add", "--email", "bo@kolding.dk", "--name", "Bo Ø", "--role", "lead"); code != 0 {
				t.Fatalf("user add bo: %d", code)
			}
			tok, errs, code := cli(t, db, data, "", "token", "create", "--email", "ann@kolding.dk", "--name", "script")
			tok = strings.TrimSpace(tok)
			if code != 0 || !strings.HasPrefix(tok, "ind_") || strings.Contains(tok, "\n") {
				t.Fatalf("token create: %d %q %s", code, tok, errs)
			}
			boTok, _, _ := cli(t, db, data, "", "token", "create", "--email", "bo@kolding.dk")
			if _, errs, code := cli(t, db, data, "", "project", "create", "--slug", "mad-nok", "--name", "Er der mad nok?", "--owner", "ann@kolding.dk"); code != 0 {
				t.Fatalf("project create: %d %s", code, errs)
			}
			if _, _, code := cli(t, db, data, "", "project", "create", "--slug", "mad-nok", "--name", "Igen"); code != 1 {
				t.Fatalf("duplicate project: exit %d, want 1", code)
			}
			srv := startServer(t, db, data)
			if c := get(t, srv.url+"/api/v1/projects", tok); c != 200 {
				t.Errorf("token GET projects: %d", c)
			}
			if c := get(t, srv.url+"/api/v1/projects/mad-nok", tok); c != 200 {
				t.Errorf("member GET project: %d", c)
			}
			if c := get(t, srv.url+"/api/v1/projects/mad-nok", strings.TrimSpace(boTok)); c != 404 {
				t.Errorf("non-member GET project: %d, want 404", c)
			}
			if c := get(t, srv.url+"/api/v1/projects", ""); c != 401 {
				t.Errorf("no token: %d, want 401", c)
			}
			srv.stop(t)
		})
	}
}

func TestServeDemoPrintsLogin(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			srv := startServer(t, db, data, "--demo")
			out := srv.startupOutput(t)
			for _, want := range []string{"admin@demo.indsigt.dk", "Selvværd og Sammenhæng – demo", srv.url} {
				if !strings.Contains(out, want) {
					t.Errorf("serve --demo output lacks %q:\n%s", want, out)
				}
			}
			srv.stop(t)
		})
	}
}

func TestIngestBatchReportsBrokenFiles(t *testing.T) {
	db, data := "", t.TempDir()
	setupProject(t, db, data)
	dir := t.TempDir()
	for i := 0; i < 97; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("note-%d.txt", i)), []byte(fmt.Sprintf("Borger %d fortæller om ensomhed.", i)), 0o600)
	}
	os.WriteFile(filepath.Join(dir, "scanning.pdf"), []byte("%PDF-1.4 binary"), 0o600)
	os.WriteFile(filepath.Join(dir, "tom.md"), nil, 0o600)
	os.WriteFile(filepath.Join(dir, "stor.txt"), []byte(strings.Repeat("æ", 600)), 0o600)
	cmd := exec.Command(binary, "ingest", "--project", "crash", "--json", dir)
	cmd.Env = append(os.Environ(), "INDSIGT_DATA_DIR="+data, "INDSIGT_DATABASE_URL=", "INDSIGT_MAX_FILE_BYTES=1000")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want 1\n%s", err, errb.String())
	}
	for _, name := range []string{"scanning.pdf", "tom.md", "stor.txt"} {
		if !strings.Contains(errb.String(), "FAILED     "+filepath.Join(dir, name)) {
			t.Errorf("stderr does not name %s:\n%s", name, errb.String())
		}
	}
	var rep struct {
		Items []struct{ Name, Status, Error string }
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil || len(rep.Items) != 100 {
		t.Fatalf("--json report: %v %s", err, out.String())
	}
	if !strings.Contains(errb.String(), "97 ingested, 0 duplicates, 3 failed") {
		t.Errorf("summary: %s", errb.String())
	}
	if _, _, code := cli(t, db, data, "", "ingest", "--project", "crash", dir+"/note-1.txt"); code != 0 {
		t.Errorf("a duplicate alone is not a failure: exit %d", code)
	}
	if _, errs, code := cli(t, "", data, "", "ingest", "--project", "findes-ikke", dir); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown project: %d %s", code, errs)
	}
}
