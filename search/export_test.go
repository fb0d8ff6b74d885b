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

func (ix *Index) BleveForTest() bleve.Index { return ix.bi }

func (ix *Index) QueryForTest(projectID, s string) (query.Query, error) {
	q, err := ParseQuery(s)
	if err != nil {
		return nil, err
	}
	return ix.buildQuery(projectID, q, Request{}), nil
}
