package search_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"indsigt/internal/pgfts"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
	"indsigt/store/storetest"
)

// BenchmarkIndexerCatchUp indexes a store full of notes through the real
// indexer (change log → store reads → Bleve batches with checkpoints), to
// compare with BenchmarkBareBatch on the same generated notes.
func BenchmarkIndexerCatchUp(b *testing.B) {
	docs := benchDocs(corpusSize())
	s := storetest.Open(b, store.SQLite)
	ctx := context.Background()
	projects := map[string]int64{}
	for _, slug := range []string{"1", "2", "3"} {
		p, err := s.CreateProject(ctx, model.Project{Slug: "p" + slug, Name: slug}, model.User{Role: model.RoleAdmin})
		if err != nil {
			b.Fatal(err)
		}
		projects[slug] = p.ID
	}
	sources := map[string]int64{}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		for i, d := range docs {
			pid := projects[d.ProjectID]
			key := d.ProjectID + "/" + d.SourceID
			if sources[key] == 0 {
				src, err := tx.CreateSource(ctx, model.Source{ProjectID: pid, Kind: model.KindInterview, Format: "txt", ContentHash: key, Title: d.SourceTitle})
				if err != nil {
					return err
				}
				sources[key] = src.ID
			}
			n := model.Note{ProjectID: pid, SourceID: sources[key], Position: i, Speaker: d.Participant, Text: d.Text}
			if err := tx.AddNote(ctx, &n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		x := search.NewIndexer(s, filepath.Join(b.TempDir(), "index"), quiet)
		if err := x.Open(ctx); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := x.CatchUp(ctx); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		if n, _ := x.Index().DocCount(); n != uint64(len(docs)) {
			b.Fatalf("indexed %d of %d", n, len(docs))
		}
		x.Close()
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "notes/s")
}

// The baseline a team might pick instead of Bleve (package pgfts) over the
// same generated notes and queries. It needs INDSIGT_TEST_DATABASE_URL.
var pgCorpus = sync.OnceValues(func() (*sql.DB, error) {
	url := os.Getenv(storetest.EnvURL)
	if url == "" {
		return nil, fmt.Errorf("%s is not set", storetest.EnvURL)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, err
	}
	if err := pgfts.Load(context.Background(), db, "bench_fts", benchDocs(corpusSize())); err != nil {
		return nil, err
	}
	return db, nil
})

// pgQuery is one query shape: tsquery builds the query from the search
// text, facets adds a tag count, headline adds highlighted snippets.
type pgQuery struct {
	tsquery  string
	facets   bool
	headline bool
}

func benchPG(b *testing.B, queries []string, q pgQuery) {
	db, err := pgCorpus()
	if err != nil {
		b.Skip(err) // the baseline is a comparison, not a check of indsigt
	}
	if len(queries) == 0 {
		queries = phraseWords()
	}
	text := "''"
	if q.headline {
		text = "ts_headline('danish', text, q, 'StartSel=<mark>,StopSel=</mark>,MaxFragments=1')"
	}
	hits := `SELECT id, ` + text + `, count(*) OVER () FROM bench_fts, ` + q.tsquery + ` q
		WHERE project_id = $1 AND tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT 20`
	facets := `SELECT tag, count(*) FROM bench_fts, ` + q.tsquery + ` q, unnest(tags) tag
		WHERE project_id = $1 AND tsv @@ q GROUP BY tag ORDER BY 2 DESC LIMIT 30`
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		n := countRows(b, db, hits, benchTopic, queries[i%len(queries)])
		if q.facets {
			countRows(b, db, facets, benchTopic, queries[i%len(queries)])
		}
		durations = append(durations, time.Since(start))
		if n == 0 {
			b.Fatalf("query %q found nothing", queries[i%len(queries)])
		}
	}
	reportPercentiles(b, durations)
}

func countRows(b *testing.B, db *sql.DB, q string, args ...any) int {
	rows, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// phraseWords gives the phrase queries' texts without quotes.
func phraseWords() []string {
	var out []string
	for _, p := range samplePhrases(benchDocs(corpusSize()), 20) {
		unq, _ := strconv.Unquote(p)
		out = append(out, unq)
	}
	return out
}

func prefixWords() []string {
	out := make([]string, len(prefixQueries))
	for i, p := range prefixQueries {
		out[i] = p[:len(p)-1]
	}
	return out
}

func BenchmarkPGTerm(b *testing.B) {
	benchPG(b, termQueries, pgQuery{tsquery: "plainto_tsquery('danish', $2)"})
}
func BenchmarkPGPhrase(b *testing.B) {
	benchPG(b, nil, pgQuery{tsquery: "phraseto_tsquery('danish', $2)"})
}
func BenchmarkPGPrefix(b *testing.B) {
	benchPG(b, prefixWords(), pgQuery{tsquery: "to_tsquery('danish', $2 || ':*')"})
}
func BenchmarkPGFaceted(b *testing.B) {
	benchPG(b, termQueries, pgQuery{tsquery: "plainto_tsquery('danish', $2)", facets: true})
}
func BenchmarkPGHighlighted(b *testing.B) {
	benchPG(b, termQueries, pgQuery{tsquery: "plainto_tsquery('danish', $2)", headline: true})
}
