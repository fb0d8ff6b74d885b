package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"

	"indsigt/search/codes"
)

// SchemaVersion is stored in every shard and in the directory's meta file;
// bump it whenever newMapping or NoteDoc.fields changes so that old indexes
// are detected and rebuilt.
//
// 2: pseudonym codes blanked out of the analysed text and kept as keywords
// (codes, participant); date_key for date sorting; speaker stored apart.
//
// 3: date_key stored.
//
// 4: tags holds the highlights' tags too (not stored); note_tags stores the
// note's own tags for the hit.
//
// 5: no _all field. No field was ever included in it, so it held no terms
// and answered nothing, yet Bleve composed and wrote it for every note,
// which cost about a tenth of a rebuild.
const SchemaVersion = 5

// notesAnalyzer is Bleve's "da" analyzer (Unicode words, lower case,
// Danish stop words, Snowball stemmer) behind a char filter that blanks
// pseudonym codes, so that "[Borger-3]" is not the word "borger".
const (
	notesAnalyzer   = "da_notes"
	codesCharFilter = "indsigt_codes"
)

// codeFilter blanks codes with spaces of the same length, so term offsets
// into the stored text stay right for highlighting.
type codeFilter struct{}

func (codeFilter) Filter(in []byte) []byte { return codes.Blank(in) }

func init() {
	// Registering a Bleve component is how Bleve's own analyzers are made
	// known (see analysis/lang/da); it does no I/O.
	if err := registry.RegisterCharFilter(codesCharFilter, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
		return codeFilter{}, nil
	}); err != nil {
		panic(err)
	}
}

// newMapping builds the static note mapping. Nothing is dynamic: a field the
// mapping does not name is neither indexed nor stored, so no stray data ends
// up in the index. Doc values are kept only where a facet or the sort reads
// them.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping.Dynamic = false
	if err := im.AddCustomAnalyzer(notesAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{codesCharFilter},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, da.StopName, da.SnowballStemmerName},
	}); err != nil {
		panic(err) // static configuration: fails in every test if wrong
	}
	im.DefaultAnalyzer = notesAnalyzer
	im.DefaultType = docType
	// Bleve v2.6 supports BM25 per index (mapping.ScoringModel); the default
	// is tf-idf.
	im.ScoringModel = index.BM25Scoring

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, textField(true))
	dm.AddFieldMappingsAt(fieldSourceTitle, textField(false))
	for _, f := range []struct {
		name             string
		store, docValues bool
	}{
		{fieldProject, false, false},
		{fieldSource, true, false},
		{fieldTags, false, true},
		{fieldSourceKind, true, true},
		{fieldParticipant, false, true},
		{fieldCodes, false, false},
		{fieldSpeakerRole, false, false},
		{fieldInsights, false, false},
		{fieldPhases, false, true},
		{fieldDateKey, true, true}, // stored too: the first relevance page breaks ties from it
	} {
		dm.AddFieldMappingsAt(f.name, keywordField(f.store, f.docValues))
	}
	speaker := keywordField(true, false)
	speaker.Index = false // shown with a hit; participant is what is searched
	dm.AddFieldMappingsAt(fieldSpeaker, speaker)
	noteTags := keywordField(true, false)
	noteTags.Index = false // shown with a hit; tags is what is searched and counted
	dm.AddFieldMappingsAt(fieldNoteTags, noteTags)
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = false // sorting uses date_key
	date.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldDate, date)

	// Every field above sets IncludeInAll false; disabling _all keeps Bleve
	// from building the empty composite field for each note.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im.AddDocumentMapping(docType, dm)
	return im
}

func textField(termVectors bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = notesAnalyzer
	f.Store = true
	f.IncludeTermVectors = termVectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.DocValues = docValues
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}
