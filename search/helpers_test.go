package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

type fixtureNote struct {
	ID          string   `json:"id"`
	Project     string   `json:"project"`
	Source      string   `json:"source"`
	Title       string   `json:"title"`
	Text        string   `json:"text"`
	Tags        []string `json:"tags"`
	Kind        string   `json:"kind"`
	Participant string   `json:"participant"`
	Role        string   `json:"role"`
	Phases      []string `json:"phases"`
	Insights    []string `json:"insights"`
	Date        string   `json:"date"`
}

func loadFixture(t testing.TB) []NoteDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "notes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []fixtureNote
	if err := json.Unmarshal(b, &fs); err != nil {
		t.Fatal(err)
	}
	docs := make([]NoteDoc, 0, len(fs))
	for i, f := range fs {
		d, err := time.Parse(dateLayout, f.Date)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, NoteDoc{
			ID: f.ID, ProjectID: f.Project, SourceID: f.Source, SourceTitle: f.Title, Text: f.Text,
			Tags: f.Tags, SourceKind: f.Kind, Participant: f.Participant, SpeakerRole: f.Role,
			InsightIDs: f.Insights, Phases: f.Phases, Date: d, Position: i,
		})
	}
	return docs
}

// emptyIndex opens a fresh index in a temp dir, closed when the test ends.
func emptyIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// newTestIndex opens a fresh index in a temp dir, filled with the fixture.
func newTestIndex(t testing.TB) *Index {
	t.Helper()
	ix := emptyIndex(t)
	if err := ix.Apply(loadFixture(t), nil, []byte("cp-1")); err != nil {
		t.Fatal(err)
	}
	return ix
}

func search(t testing.TB, ix *Index, project string, r Request) *Result {
	t.Helper()
	res, err := ix.Search(project, r)
	if err != nil {
		t.Fatalf("search %q: %v", r.Query, err)
	}
	return res
}

// ids returns the sorted note ids of the hits.
func ids(res *Result) []string {
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, h.NoteID)
	}
	slices.Sort(out)
	return out
}
