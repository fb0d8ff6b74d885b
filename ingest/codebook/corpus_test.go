package codebook

import (
	"strings"
	"testing"

	"indsigt/internal/corpora"
)

// TestStarterOnNewsCorpus checks that the starter rules stay conservative
// on real Danish news and fiction (UD Danish-DDT), which is not about
// welfare: only a small share of its sentences may get a tag.
func TestStarterOnNewsCorpus(t *testing.T) {
	raw := corpora.Read(t, "danish", "ddt-dev-sentences.txt")
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
