package search_test

import (
	"path/filepath"
	"testing"

	"indsigt/search"
)

// A phrase of one word and stop words asks for that word (the stop words
// may be any words), and a real phrase still needs its words together.
func TestPhraseOfOneWordAndStopWords(t *testing.T) {
	ix, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []search.NoteDoc{
		{ID: "1", ProjectID: "1", Text: "Hun kunne ikke finde borgeren i køkkenet."},
		{ID: "2", ProjectID: "1", Text: "Borgerne ville have mad nok til i morgen."},
		{ID: "3", ProjectID: "1", Text: "Nok mad til alle, sagde borgeren."},
		{ID: "4", ProjectID: "2", Text: "Borgeren i det andet projekt."},
	}
	if err := ix.Apply(docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want uint64
	}{{`"kunne borgeren"`, 3}, {`"mad nok"`, 1}, {`"nok mad"`, 1}, {`"og"`, 3 /* only stop words: every note, as a bare stop word */}} {
		r, err := ix.Search("1", search.Request{Query: c.q})
		if err != nil || r.Total != c.want {
			t.Errorf("%s: %v %v, want %d", c.q, r, err, c.want)
		}
	}
}
