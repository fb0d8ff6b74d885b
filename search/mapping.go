package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// SchemaVersion is stored in the index; bump it whenever newMapping changes so
// that old indexes are detected and rebuilt.
const SchemaVersion = 1

// newMapping builds the static note mapping. Nothing is dynamic: a field the
// mapping does not name is neither indexed nor stored, so no stray data ends
// up in the index.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping.Dynamic = false
	im.DefaultAnalyzer = da.AnalyzerName
	im.DefaultType = docType
	// Bleve v2.6 supports BM25 per index (mapping.ScoringModel); the default
	// is tf-idf.
	im.ScoringModel = index.BM25Scoring

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, textField(true))
	dm.AddFieldMappingsAt(fieldSourceTitle, textField(false))
	for _, f := range []struct {
		name  string
		store bool
	}{
		{fieldProject, false},
		{fieldSource, true},
		{fieldTags, true},
		{fieldSourceKind, true},
		{fieldParticipant, true},
		{fieldSpeakerRole, false},
		{fieldInsights, false},
		{fieldPhases, false},
	} {
		dm.AddFieldMappingsAt(f.name, keywordField(f.store))
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = true
	date.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldDate, date)
	pos := bleve.NewNumericFieldMapping()
	pos.Store = false
	pos.DocValues = true
	pos.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldPosition, pos)

	im.AddDocumentMapping(docType, dm)
	return im
}

func textField(termVectors bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = da.AnalyzerName
	f.Store = true
	f.IncludeTermVectors = termVectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.DocValues = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}
