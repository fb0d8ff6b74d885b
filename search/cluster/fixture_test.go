package cluster

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type fixtureNote struct {
	ID          string `json:"id"`
	Group       string `json:"group"`
	Participant string `json:"participant"`
	Source      string `json:"source"`
	Text        string `json:"text"`
}

func loadFixture(t testing.TB) ([]Doc, map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "notes.json"))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	var notes []fixtureNote
	if err := json.Unmarshal(raw, &notes); err != nil {
		t.Fatalf("parse fixture: %v", err)
	}
	docs := make([]Doc, len(notes))
	groups := map[string]string{}
	for i, n := range notes {
		docs[i] = Doc{ID: n.ID, Text: n.Text, Participant: n.Participant, SourceID: n.Source}
		groups[n.ID] = n.Group
	}
	return docs, groups
}

// groupARI is the adjusted Rand index between the known groups and the
// suggested clusters, over the notes that belong to a known group (noise
// notes are left out). A grouped note in no suggested cluster counts as a
// cluster of its own, so missing it costs as much as misplacing it.
func groupARI(docs []Doc, groups map[string]string, got []Cluster) float64 {
	pred := map[string]int{}
	for ci, c := range got {
		for _, id := range c.NoteIDs {
			pred[id] = ci
		}
	}
	groupNo := map[string]int{}
	var truth, labels []int
	for i, d := range docs {
		g := groups[d.ID]
		if g == "" {
			continue
		}
		if _, ok := groupNo[g]; !ok {
			groupNo[g] = len(groupNo)
		}
		truth = append(truth, groupNo[g])
		p, ok := pred[d.ID]
		if !ok {
			p = -1 - i
		}
		labels = append(labels, p)
	}
	return AdjustedRandIndex(truth, labels)
}
