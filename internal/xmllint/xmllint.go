// Package xmllint checks a REFI-QDA project.qde against the Project schema
// with xmllint (Debian libxml2-utils), for tests of the export and of the
// import's round trip. A missing xmllint fails the test: CI installs it.
package xmllint

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"indsigt/internal/corpora"
)

// ValidateQDE fails t unless qde is valid against Project-mrt2019.xsd.
func ValidateQDE(t testing.TB, qde []byte) {
	t.Helper()
	xsd := corpora.Path(t, "refi-qda", "Project-mrt2019.xsd")
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint not found: install libxml2-utils")
	}
	path := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(path, qde, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", "--schema", xsd, path).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
