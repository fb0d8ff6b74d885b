package search

import (
	"testing"

	"indsigt/store"
)

// TestCheckpointNamesItsChange: a checkpoint names the change it ends at
// by kind too, since a note and a source may share an id; one written
// before checkpoints had a kind ended at a note.
func TestCheckpointNamesItsChange(t *testing.T) {
	note := store.Change{ID: 9, Tx: 4, ProjectID: 1, Entity: store.EntityNote, EntityID: 7}
	source := note
	source.Entity = store.EntitySource
	old := checkpointAt(note)
	old.Kind = ""
	cases := []struct {
		name string
		cp   checkpoint
		c    store.Change
		want bool
	}{
		{"a note's checkpoint, its row", checkpointAt(note), note, true},
		{"a source's checkpoint, its row", checkpointAt(source), source, true},
		{"a source's checkpoint, a note's row of the same id", checkpointAt(source), note, false},
		{"a note's checkpoint, a source's row of the same id", checkpointAt(note), source, false},
		{"an older checkpoint without a kind, a note's row", old, note, true},
		{"an older checkpoint without a kind, a source's row", old, source, false},
	}
	for _, c := range cases {
		if got := c.cp.names(c.c); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
