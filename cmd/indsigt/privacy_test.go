package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/store/storetest"
)

// TestEraseAndRetentionThroughTheBinary erases a participant as the
// operator would and checks the answer and the search afterwards; a server
// holding the index makes the command refuse with a clear message.
func TestEraseAndRetentionThroughTheBinary(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			setupProject(t, db, data)
			dir := t.TempDir()
			file := filepath.Join(dir, "samtale.txt")
			if err := os.WriteFile(file, []byte("Interviewer: Hvad spiser du?\n\nKaren Hansen: Rugbrød med makrelsalat.\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, errs, code := cli(t, db, data, "", "ingest", "--project", "crash", file); code != 0 {
				t.Fatalf("ingest: %s", errs)
			}
			if out, _, _ := cli(t, db, data, "", "search", "--project", "crash", "makrelsalat"); !strings.Contains(out, "1 notes match") {
				t.Fatalf("before: %s", out)
			}
			srv := startServer(t, db, data)
			if _, errs, code := cli(t, db, data, "", "erase", "--project", "crash", "--participant", "Borger-1"); code != 1 || !strings.Contains(errs, "use the server's API") {
				t.Fatalf("erase while serving: %d %s", code, errs)
			}
			srv.stop(t)
			out, errs, code := cli(t, db, data, "", "erase", "--project", "crash", "--participant", "Borger-1")
			if code != 0 || !strings.Contains(out, "1 notes") || !strings.Contains(out, "1 participants") {
				t.Fatalf("erase: %d %s %s", code, out, errs)
			}
			if out, _, _ := cli(t, db, data, "", "search", "--project", "crash", "makrelsalat"); !strings.Contains(out, "0 notes match") {
				t.Fatalf("after: %s", out)
			}
			if _, errs, code := cli(t, db, data, "", "reindex", "--project", "crash"); code != 0 || !strings.Contains(errs, "index rebuilt") {
				t.Fatalf("reindex one project: %d %s", code, errs)
			}
			if out, _, _ := cli(t, db, data, "", "search", "--project", "crash", "makrelsalat"); !strings.Contains(out, "0 notes match") {
				t.Fatalf("after reindex: %s", out)
			}
			if _, errs, code := cli(t, db, data, "", "erase", "--project", "crash"); code != 2 || !strings.Contains(errs, "exactly one of") {
				t.Fatalf("erase without a target: %d %s", code, errs)
			}
			if out, errs, code := cli(t, db, data, "", "retention", "--dry-run"); code != 0 || !strings.Contains(out, "0 sources past retention") {
				t.Fatalf("retention: %d %s %s", code, out, errs)
			}
		})
	}
}
