package codebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStarterOnNewsCorpus checks that the starter rules stay conservative
// on real Danish news and fiction (UD Danish-DDT), which is not about
// welfare: only a small share of its sentences may get a tag.
func TestStarterOnNewsCorpus(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpora", "danish", "ddt-dev-sentences.txt")
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("corpus not present: %s", path)
	}
	if err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	_, rules := Starter()
	m, err := NewMatcher(rules)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	tagged := 0
	for _, line := range lines {
		if tags := m.Tags(line); len(tags) > 0 {
			tagged++
			t.Logf("%v: %s", tags, line)
		}
	}
	if share := float64(tagged) / float64(len(lines)); share > 0.1 {
		t.Errorf("%d of %d news sentences tagged (%.0f%%), want at most 10%%", tagged, len(lines), 100*share)
	}
}
