package search_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// tinyDisk mounts a small tmpfs for the test, or skips when it cannot
// (not root, no mount in the sandbox).
func tinyDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestIndexerSurvivesFullDisk: when the index's disk is full the indexer
// reports it through Healthy and Ready instead of panicking, the store
// keeps every note, and indexing resumes by itself once space returns.
func TestIndexerSurvivesFullDisk(t *testing.T) {
	disk := tinyDisk(t, "8m")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := storetest.Open(t, store.SQLite)
	p := ingestSome(t, s, "fuld", "Første note om haven.")
	x := search.NewIndexer(s, filepath.Join(disk, "index"), quiet)
	x.PollInterval = 20 * time.Millisecond
	if err := x.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = x.Stop() }()
	waitFor(t, func() bool { return x.Ready(ctx) == nil })

	// Fill the disk.
	filler := filepath.Join(disk, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	_ = f.Close()

	svc := ingest.New(s, parse.DefaultLimits())
	var text strings.Builder
	for i := range 400 {
		fmt.Fprintf(&text, "Borgeren fortæller om haven nummer %d og om drivhuset med tomater.\n\n", i)
	}
	if r := svc.File(ctx, p, "stor.txt", []byte(text.String()), ingest.Options{}); r.Status != ingest.StatusIngested {
		t.Fatalf("ingest: %+v", r)
	}
	x.Poke()
	// Ready, unlike Healthy, does not read Bleve, which has a data race of
	// its own while a batch fails to persist.
	waitFor(t, func() bool {
		err := x.Ready(ctx)
		return err != nil && strings.Contains(err.Error(), "cannot be written")
	})
	if err := x.Healthy(ctx); err == nil {
		t.Error("healthy while the index cannot be written")
	}
	t.Logf("while full: %v", x.Healthy(ctx))

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return x.Ready(ctx) == nil })
	if err := x.Healthy(ctx); err != nil {
		t.Errorf("not healthy after space returned: %v", err)
	}
	res, err := x.Index().Search(fmt.Sprint(p.ID), search.Request{Query: "drivhuset"})
	if err != nil || res.Total != 400 {
		t.Fatalf("after space returned: %v %v", res, err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for range 3000 {
		if ok() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met within 30 s")
}
