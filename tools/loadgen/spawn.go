package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// spawned is a server that loadgen built and started itself, so that one
// command reproduces a run: a fresh binary of this checkout, a SQLite
// store in a data directory of its own (kept with --data to reuse a seed),
// a designer with a token and a project.
type spawned struct {
	cmd            *exec.Cmd
	url, token     string
	project, data  string
	env            []string
	binDir, tmpDir string
	log            string // the server's output, kept after the run
	profile        string // the server's CPU profile, if asked for
	nice           int    // how much nicer than the generator the server runs
}

func spawn(data, profile string, nice int) (*spawned, error) {
	binDir, err := os.MkdirTemp("", "loadgen-bin")
	if err != nil {
		return nil, err
	}
	s := &spawned{binDir: binDir, project: "load", data: data, profile: profile, nice: nice}
	if s.data != "" {
		if err := os.MkdirAll(s.data, 0o700); err != nil {
			return nil, err
		}
	} else {
		if s.tmpDir, err = os.MkdirTemp("", "loadgen-data"); err != nil {
			return nil, err
		}
		s.data = s.tmpDir
	}
	bin := filepath.Join(binDir, "indsigt")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/indsigt").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the server (run loadgen from the repository's root): %v\n%s", err, out)
	}
	key := filepath.Join(s.data, "loadgen.key")
	if _, err := os.Stat(key); err != nil {
		if err := os.WriteFile(key, []byte(strings.Repeat("ab", 32)+"\n"), 0o600); err != nil {
			return nil, err
		}
	}
	// The generator is many users behind one address: no per-address cap.
	s.env = append(os.Environ(), "INDSIGT_DATA_DIR="+s.data, "INDSIGT_DATABASE_URL=", "INDSIGT_KEY_FILE="+key, "INDSIGT_MAX_CONNS_PER_IP=1000000")
	if err := s.setup(bin); err != nil {
		return nil, err
	}
	return s, s.start(bin)
}

// setup makes the user, token and project once per data directory.
func (s *spawned) setup(bin string) error {
	tokFile := filepath.Join(s.data, "loadgen.token")
	if b, err := os.ReadFile(tokFile); err == nil {
		s.token = strings.TrimSpace(string(b))
		return nil
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = s.env
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("indsigt %s: %v: %s", args[0], err, errb.String())
		}
		return out.String(), nil
	}
	if _, err := run("user", "add", "--email", "load@kolding.dk", "--name", "Load Ødegaard", "--role", "designer"); err != nil {
		return err
	}
	tok, err := run("token", "create", "--email", "load@kolding.dk")
	if err != nil {
		return err
	}
	if _, err := run("project", "create", "--slug", s.project, "--name", "Load", "--owner", "load@kolding.dk"); err != nil {
		return err
	}
	s.token = strings.TrimSpace(tok)
	return os.WriteFile(tokFile, []byte(s.token+"\n"), 0o600)
}

func (s *spawned) start(bin string) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := l.Addr().String()
	l.Close()
	s.url = "http://" + addr
	args := []string{"serve", "--addr", addr}
	if s.profile != "" {
		args = append(args, "--cpuprofile", s.profile)
	}
	s.cmd = niced(s.nice, bin, args...)
	s.cmd.Env = s.env
	s.log = filepath.Join(os.TempDir(), fmt.Sprintf("loadgen-serve-%d.log", os.Getpid()))
	fmt.Fprintln(os.Stderr, "loadgen: the server logs to", s.log)
	logf, err := os.Create(s.log)
	if err != nil {
		return err
	}
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		return err
	}
	return s.waitReady(10 * time.Minute) // a reused seed of 100,000 notes may be caught up first
}

func (s *spawned) waitReady(max time.Duration) error {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the spawned server did not become ready; see " + s.log)
}

// seeded reads and writes how many notes the data directory was seeded with.
func (s *spawned) seeded() int {
	var n int
	b, _ := os.ReadFile(filepath.Join(s.data, "loadgen.seeded"))
	fmt.Sscan(string(b), &n)
	return n
}

func (s *spawned) markSeeded(n int) error {
	return os.WriteFile(filepath.Join(s.data, "loadgen.seeded"), []byte(fmt.Sprint(n)), 0o600)
}

func (s *spawned) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(s.binDir)
	if s.tmpDir != "" {
		os.RemoveAll(s.tmpDir)
	}
}

// niced is the command run n steps nicer than this process (0: as nice),
// through nice(1): every thread a Go program starts inherits it, where
// setpriority after the start would reach only the threads there so far.
func niced(n int, bin string, args ...string) *exec.Cmd {
	if n == 0 {
		return exec.Command(bin, args...)
	}
	return exec.Command("nice", append([]string{"-n", strconv.Itoa(n), bin}, args...)...)
}
