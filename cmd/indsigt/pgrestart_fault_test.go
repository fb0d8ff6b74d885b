package main

import (
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestPostgresRestartUnderLoad restarts PostgreSQL while a real server
// takes uploads and searches: every upload acknowledged before, during or
// after the restart is in the store whole, none is there twice, uploads
// succeed again after it, and the index holds each stored note exactly
// once. The machine's cluster is shared by every test process, so the test
// restarts a private throw-away cluster (initdb as the user postgres, as
// .ci/run does); it needs root for that and skips otherwise.
func TestPostgresRestartUnderLoad(t *testing.T) {
	pg := privateCluster(t)
	data := t.TempDir()
	tok := setupProject(t, pg.dsn, data)
	srv := startServer(t, pg.dsn, data)

	var mu sync.Mutex
	var acked []uploaded
	var afterRestart int
	restarted := false
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("w%d-%d.txt", w, i)
				u, _, err := uploadTo(srv.url, "crash", tok, name, notesText("genstart"+letters(w*1000+i), 5))
				if err == nil && u.code == http.StatusCreated {
					mu.Lock()
					acked = append(acked, u)
					if restarted {
						afterRestart++
					}
					mu.Unlock()
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		c := http.Client{Timeout: 30 * time.Second}
		for {
			select {
			case <-stop:
				return
			default:
			}
			req, _ := http.NewRequest("GET", srv.url+"/api/v1/projects/crash/search?q=hverdag&limit=5", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			if res, err := c.Do(req); err == nil {
				res.Body.Close()
			}
		}
	}()
	time.Sleep(1500 * time.Millisecond)
	pg.restart(t)
	mu.Lock()
	restarted = true
	mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := afterRestart
		mu.Unlock()
		if n >= 10 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if afterRestart == 0 {
		t.Fatal("no upload succeeded after PostgreSQL restarted")
	}

	conn, err := sql.Open("postgres", pg.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, u := range acked {
		if n := storeNotesOf(t, conn, u.sourceID); n != u.notes {
			t.Errorf("acknowledged source %s: %d notes in the store, %d acknowledged", u.sourceID, n, u.notes)
		}
	}
	var dup int
	if err := conn.QueryRow(`SELECT count(*) FROM (SELECT filename FROM sources GROUP BY filename HAVING count(*) > 1) d`).Scan(&dup); err != nil || dup != 0 {
		t.Errorf("%d files stored twice (%v)", dup, err)
	}
	waitReady(t, srv.url)
	want := storeNoteIDs(t, pg.dsn, data)
	got := indexNoteIDs(t, srv.url, tok)
	t.Logf("%d uploads acknowledged (%d after the restart), %d notes stored", len(acked), afterRestart, len(want))
	if len(got) != len(want) {
		t.Errorf("index has %d notes, store %d", len(got), len(want))
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("note %s is in the index %d times", id, got[id])
		}
	}
	srv.stop(t)
}

// cluster is a private PostgreSQL cluster of one test.
type cluster struct {
	bin, dir, port, dsn string
}

func privateCluster(t *testing.T) *cluster {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("a private PostgreSQL cluster needs root (initdb runs as the user postgres)")
	}
	pgUser, err := user.Lookup("postgres")
	if err != nil {
		t.Skip("no user postgres")
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("no PostgreSQL server binaries")
	}
	sort.Strings(bins)
	dir, err := os.MkdirTemp("", "indsigt-pg")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(pgUser.Uid)
	gid, _ := strconv.Atoi(pgUser.Gid)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(freeAddr(t))
	c := &cluster{bin: filepath.Dir(bins[len(bins)-1]), dir: dir, port: port}
	c.run(t, "initdb", "-D", c.dir+"/data", "-A", "trust", "-U", "postgres", "--no-sync")
	c.run(t, "pg_ctl", "-D", c.dir+"/data", "-l", c.dir+"/log", "-o", c.options(), "-w", "start")
	t.Cleanup(func() {
		_ = exec.Command("runuser", "-u", "postgres", "--", c.bin+"/pg_ctl", "-D", c.dir+"/data", "-m", "immediate", "-w", "stop").Run()
		os.RemoveAll(c.dir)
	})
	admin, err := sql.Open("postgres", "postgres://postgres@127.0.0.1:"+port+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	mustExec(t, admin, `CREATE DATABASE indsigt`)
	c.dsn = "postgres://postgres@127.0.0.1:" + port + "/indsigt?sslmode=disable"
	return c
}

func (c *cluster) options() string {
	return "-p " + c.port + " -k " + c.dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
}

// restart stops the cluster, ending every connection, and starts it again.
func (c *cluster) restart(t *testing.T) {
	t.Helper()
	c.run(t, "pg_ctl", "-D", c.dir+"/data", "-l", c.dir+"/log", "-o", c.options(), "-m", "fast", "-w", "restart")
}

func (c *cluster) run(t *testing.T, prog string, args ...string) {
	t.Helper()
	out, err := exec.Command("runuser", append([]string{"-u", "postgres", "--", c.bin + "/" + prog}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", prog, err, out)
	}
}
