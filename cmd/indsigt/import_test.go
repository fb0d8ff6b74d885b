package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"indsigt/internal/corpora"
)

// TestImportQDPXCommand: `indsigt import-qdpx` imports the ATLAS.ti
// sample's 3 codes, reuses them the second time, exits 1 naming a bad
// file and 2 without a file; an export round-trips through it.
func TestImportQDPXCommand(t *testing.T) {
	db, data := "", t.TempDir()
	setupProject(t, db, data)
	atlas := corpora.Path(t, "refi-qda", "target-atlas-project.qdpx")
	if out, errs, code := cli(t, db, data, "", "import-qdpx", "--project", "crash", atlas); code != 0 || !strings.Contains(out, "codes: 3 new, 0 reused") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if out, _, code := cli(t, db, data, "", "import-qdpx", "--project", "crash", "--json", atlas); code != 0 || !strings.Contains(out, `"codes_reused":3`) {
		t.Errorf("again: %d %s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.qdpx")
	os.WriteFile(bad, []byte("ikke en zip"), 0o600)
	if _, errs, code := cli(t, db, data, "", "import-qdpx", "--project", "crash", bad); code != 1 || !strings.Contains(errs, "zip") {
		t.Errorf("bad file: %d %s", code, errs)
	}
	if _, _, code := cli(t, db, data, "", "import-qdpx", "--project", "crash"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	exported := filepath.Join(t.TempDir(), "crash.qdpx")
	if _, errs, code := cli(t, db, data, "", "export", "--project", "crash", "--format", "qdpx", "--out", exported); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	cli(t, db, data, "", "project", "create", "--slug", "kopi", "--name", "Kopi")
	if out, errs, code := cli(t, db, data, "", "import-qdpx", "--project", "kopi", exported); code != 0 || !strings.Contains(out, "codes: 3 new") {
		t.Errorf("round trip: %d %s %s", code, out, errs)
	}
}
