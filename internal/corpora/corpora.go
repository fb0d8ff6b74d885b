// Package corpora finds the real test files from public projects that sit
// in shared/corpora beside the repository (see shared/corpora/SOURCES.md),
// so tests need not count "../" from their own package directory. Tests
// that use them skip only when shared/ is absent; the project's own
// fixtures in testdata/ always run.
package corpora

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the absolute path of a corpus file, skipping the test when
// the shared corpora are not beside the repository.
func Path(t testing.TB, rel ...string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("corpora: %v", err)
	}
	p := filepath.Join(append([]string{filepath.Dir(root), "shared", "corpora"}, rel...)...)
	if _, err := os.Stat(p); os.IsNotExist(err) {
		t.Skipf("shared corpus not present: %s", p)
	}
	return p
}

// Read returns a corpus file's bytes, skipping the test when it is absent.
func Read(t testing.TB, rel ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(t, rel...))
	if err != nil {
		t.Fatalf("corpora: %v", err)
	}
	return b
}

// moduleRoot walks up from the working directory to the one holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
