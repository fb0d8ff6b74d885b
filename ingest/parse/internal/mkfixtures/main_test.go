package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedFixturesMatch keeps the committed binary fixtures in step
// with this generator.
func TestCommittedFixturesMatch(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(dir)
	if err != nil || len(files) == 0 {
		t.Fatalf("generated %d files: %v", len(files), err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "testdata", f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from testdata: run go run ./ingest/parse/internal/mkfixtures", f.Name())
		}
	}
}
