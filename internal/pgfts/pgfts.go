// Package pgfts is the baseline a team might pick instead of Bleve:
// PostgreSQL's built-in full-text search with the danish configuration, a
// GIN index on a generated tsvector and a B-tree for date order, over the
// same notes the search benchmarks index. Only benchmarks use it.
package pgfts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/lib/pq"

	"indsigt/search"
)

// Load replaces the table with the notes and indexes it.
func Load(ctx context.Context, db *sql.DB, table string, docs []search.NoteDoc) error {
	t := pq.QuoteIdentifier(table)
	for _, q := range []string{
		`DROP TABLE IF EXISTS ` + t,
		`CREATE TABLE ` + t + ` (id bigint PRIMARY KEY, project_id text NOT NULL, text text NOT NULL, tags text[] NOT NULL DEFAULT '{}',
			source_kind text NOT NULL DEFAULT '', date timestamptz NOT NULL,
			tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("pgfts: %w", err)
		}
	}
	if err := copyDocs(ctx, db, t, docs); err != nil {
		return fmt.Errorf("pgfts: copy: %w", err)
	}
	for _, q := range []string{
		`CREATE INDEX ON ` + t + ` USING gin (tsv)`,
		`CREATE INDEX ON ` + t + ` (project_id, date DESC, id DESC)`,
		`ANALYZE ` + t,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("pgfts: %w", err)
		}
	}
	return nil
}

func copyDocs(ctx context.Context, db *sql.DB, table string, docs []search.NoteDoc) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	stmt, err := tx.PrepareContext(ctx, `COPY `+table+` (id, project_id, text, tags, source_kind, date) FROM STDIN`)
	if err != nil {
		return err
	}
	for _, d := range docs {
		id, err := strconv.ParseInt(d.ID, 10, 64)
		if err != nil {
			return fmt.Errorf("note id %q: %w", d.ID, err)
		}
		tags := d.Tags
		if tags == nil {
			tags = []string{}
		}
		if _, err := stmt.ExecContext(ctx, id, d.ProjectID, d.Text, pq.Array(tags), d.SourceKind, d.Date); err != nil {
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

// Answer is what Search finds: the matching notes' count, the top ten
// with a highlighted snippet each, and the tags and source_kind facets.
type Answer struct {
	Total      int     `json:"total"`
	Hits       []Hit   `json:"hits"`
	Tags       []Count `json:"tags"`
	SourceKind []Count `json:"source_kind"`
}

// Hit is one of the top notes.
type Hit struct {
	ID         int64     `json:"id"`
	Snippet    string    `json:"snippet"`
	Tags       []string  `json:"tags"`
	SourceKind string    `json:"source_kind"`
	Date       time.Time `json:"date"`
}

// Count is one facet value.
type Count struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Search answers plainto_tsquery('danish', word) in the project in one
// statement, so one round trip: the top ten by ts_rank (newest first when
// byDate) with ts_headline snippets, the total, 30 tags and 10 kinds.
func Search(ctx context.Context, db *sql.DB, table, project, word string, byDate bool) (Answer, error) {
	var raw []byte
	if err := db.QueryRowContext(ctx, searchSQL(pq.QuoteIdentifier(table), byDate), project, word).Scan(&raw); err != nil {
		return Answer{}, fmt.Errorf("pgfts: search %q: %w", word, err)
	}
	var a Answer
	if err := json.Unmarshal(raw, &a); err != nil {
		return Answer{}, fmt.Errorf("pgfts: search %q: %w", word, err)
	}
	return a, nil
}

func searchSQL(t string, byDate bool) string {
	rank, order := `ts_rank(tsv, q.q)`, `rank DESC, id`
	if byDate {
		rank, order = `0::real`, `date DESC, id DESC`
	}
	return `WITH q AS (SELECT plainto_tsquery('danish', $2) AS q),
		m AS MATERIALIZED (SELECT tags, source_kind FROM ` + t + `, q WHERE project_id = $1 AND tsv @@ q.q),
		top AS (SELECT id, text, tags, source_kind, date, ` + rank + ` AS rank, q.q FROM ` + t + `, q
			WHERE project_id = $1 AND tsv @@ q.q ORDER BY ` + order + ` LIMIT 10)
		SELECT json_build_object(
			'total', (SELECT count(*) FROM m),
			'hits', (SELECT coalesce(json_agg(json_build_object('id', id, 'tags', tags, 'source_kind', source_kind, 'date', date,
				'snippet', ts_headline('danish', text, q, 'StartSel=<mark>,StopSel=</mark>,MaxFragments=1')) ORDER BY ` + order + `), '[]') FROM top),
			'tags', (SELECT coalesce(json_agg(json_build_object('term', tag, 'count', n) ORDER BY n DESC, tag), '[]')
				FROM (SELECT tag, count(*) AS n FROM m, unnest(tags) tag GROUP BY tag ORDER BY n DESC, tag LIMIT 30) f),
			'source_kind', (SELECT coalesce(json_agg(json_build_object('term', source_kind, 'count', n) ORDER BY n DESC, source_kind), '[]')
				FROM (SELECT source_kind, count(*) AS n FROM m GROUP BY source_kind ORDER BY n DESC, source_kind LIMIT 10) k))`
}
