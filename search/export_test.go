package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Hooks for the external benchmark package, which cannot be in package
// search because it imports corpusgen.

func NewMappingForTest() *mapping.IndexMappingImpl { return newMapping() }

func DocFieldsForTest(d NoteDoc) map[string]any { return d.fields() }

// BleveForTest is the project's shard, nil when it has none.
func (ix *Index) BleveForTest(projectID string) bleve.Index {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if sh := ix.shards[projectID]; sh != nil {
		return sh.bi
	}
	return nil
}

func (ix *Index) QueryForTest(projectID, s string) (query.Query, error) {
	q, err := ParseQuery(s)
	if err != nil {
		return nil, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	qq, _, err := ix.shards[projectID].buildQuery(q, Request{}, false)
	return qq, err
}
