package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/store/storetest"
)

// TestReindexThroughTheBinary rebuilds the whole index, once over an
// index in use and once with the index gone, and searches afterwards.
func TestReindexThroughTheBinary(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db, data := storetest.DSN(t, dialect), t.TempDir()
			setupProject(t, db, data)
			file := filepath.Join(t.TempDir(), "samtale.txt")
			if err := os.WriteFile(file, []byte("Interviewer: Hvad spiser du?\n\nKaren Hansen: Rugbrød med makrelsalat.\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, errs, code := cli(t, db, data, "", "ingest", "--project", "crash", file); code != 0 {
				t.Fatalf("ingest: %s", errs)
			}
			prof := filepath.Join(t.TempDir(), "cpu.prof")
			if _, errs, code := cli(t, db, data, "", "reindex", "--cpuprofile", prof); code != 0 || !strings.Contains(errs, "index rebuilt: 2 notes") {
				t.Fatalf("reindex: %d %s", code, errs)
			}
			if st, err := os.Stat(prof); err != nil || st.Size() == 0 {
				t.Fatalf("cpu profile: %v", err)
			}
			if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
				t.Fatal(err)
			}
			if _, errs, code := cli(t, db, data, "", "reindex"); code != 0 || !strings.Contains(errs, "index rebuilt: 2 notes") {
				t.Fatalf("reindex without an index: %d %s", code, errs)
			}
			if out, _, _ := cli(t, db, data, "", "search", "--project", "crash", "makrelsalat"); !strings.Contains(out, "1 notes match") {
				t.Fatalf("search after reindex: %s", out)
			}
		})
	}
}
