package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// ErrNotFound means the note is not in the index for that project.
var ErrNotFound = errors.New("search: note not found")

// mltTerms is how many distinctive terms of the note form the query.
const mltTerms = 12

// MoreLikeThis finds notes in the same project whose text shares the note's
// most distinctive terms (term frequency × IDF from the index), excluding
// the note itself.
func (ix *Index) MoreLikeThis(projectID, noteID string, limit int) ([]Hit, error) {
	return ix.MoreLikeThisContext(context.Background(), projectID, noteID, limit)
}

// MoreLikeThisContext is MoreLikeThis with a deadline from ctx (at most
// DefaultSearchTimeout). Term weights come from the project's own shard, so
// other projects' notes cannot change them.
func (ix *Index) MoreLikeThisContext(ctx context.Context, projectID, noteID string, limit int) ([]Hit, error) {
	if projectID == "" {
		return nil, errors.New("search: empty project id")
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, errors.New("search: index is closed")
	}
	sh := ix.shards[projectID]
	if sh == nil {
		return nil, fmt.Errorf("note %s in project %s: %w", noteID, projectID, ErrNotFound)
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultSearchTimeout)
	defer cancel()
	return sh.moreLikeThis(ctx, projectID, noteID, limit)
}

func (sh *shard) moreLikeThis(ctx context.Context, projectID, noteID string, limit int) ([]Hit, error) {
	text, err := sh.storedText(ctx, projectID, noteID)
	if err != nil {
		return nil, err
	}
	terms, err := sh.distinctiveTerms(text)
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return []Hit{}, nil
	}
	like := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		tq := query.NewTermQuery(t.term)
		tq.SetField(fieldText)
		tq.SetBoost(t.weight)
		like = append(like, tq)
	}
	self := query.NewDocIDQuery([]string{noteID})
	bq := query.NewBooleanQuery(
		[]query.Query{keywordQuery(fieldProject, projectID)},
		[]query.Query{query.NewDisjunctionQuery(like)},
		[]query.Query{self})
	req := bleve.NewSearchRequestOptions(bq, clampLimit(limit), 0, false)
	req.Fields = hitFields
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(fieldText)
	res, err := sh.searchBleve(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: more like %s: %w", noteID, err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, dm := range res.Hits {
		hits = append(hits, toHit(dm))
	}
	return hits, nil
}

// storedText fetches the note's text through a project-filtered query, so a
// note of another project is simply not found.
func (sh *shard) storedText(ctx context.Context, projectID, noteID string) (string, error) {
	q := query.NewConjunctionQuery([]query.Query{
		keywordQuery(fieldProject, projectID),
		query.NewDocIDQuery([]string{noteID}),
	})
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{fieldText}
	res, err := sh.searchBleve(ctx, req)
	if err != nil {
		return "", fmt.Errorf("search: load note %s: %w", noteID, err)
	}
	if len(res.Hits) == 0 {
		return "", fmt.Errorf("note %s in project %s: %w", noteID, projectID, ErrNotFound)
	}
	return fieldString(res.Hits[0].Fields[fieldText]), nil
}

type weightedTerm struct {
	term   string
	weight float64
}

// distinctiveTerms ranks the note's analyzed terms (stop words already
// dropped by the analyzer) by tf × idf and keeps the best mltTerms.
func (sh *shard) distinctiveTerms(text string) ([]weightedTerm, error) {
	tf := map[string]int{}
	for _, s := range sh.stems(text) {
		if utf8.RuneCountInString(s) >= 3 {
			tf[s]++
		}
	}
	r, err := sh.reader()
	if err != nil {
		return nil, err
	}
	defer func() { _ = r.Close() }()
	total, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: count documents: %w", err)
	}
	out := make([]weightedTerm, 0, len(tf))
	for term, n := range tf {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), fieldText, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("search: read term dictionary: %w", err)
		}
		df := tfr.Count()
		_ = tfr.Close()
		if df <= 1 {
			continue // only in this note: cannot find others
		}
		idf := math.Log(1 + (float64(total)-float64(df)+0.5)/(float64(df)+0.5))
		out = append(out, weightedTerm{term, float64(n) * idf})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].term < out[j].term
	})
	if len(out) > mltTerms {
		out = out[:mltTerms]
	}
	return out, nil
}

// reader opens a reader on the shard's current snapshot; close it.
func (sh *shard) reader() (index.IndexReader, error) {
	adv, err := sh.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: open index reader: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: open index reader: %w", err)
	}
	return r, nil
}
