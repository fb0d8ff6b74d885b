package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/lib/pq"
)

// Suspect is a review row to write with the text its match replaced: what
// SealSpan and AddReview do for one, AddSuspects does for a file.
type Suspect struct {
	Review
	Span string
}

// reviewChunk bounds one multi-row statement of AddSuspects (at most 10
// parameters a row).
const reviewChunk = 500

// AddSuspects seals each suspect's span in the key table (as SealSpan:
// one row per code and span, belonging to the code's participant) and
// writes the review rows, in the given order, in a few statements per
// file instead of four per suspect. Each suspect's KeyID is set.
func (tx *Tx) AddSuspects(ctx context.Context, projectID int64, ss []Suspect) error {
	if len(ss) == 0 {
		return nil
	}
	ring := tx.s.ring()
	owners, err := tx.codeParticipants(ctx, projectID, ss)
	if err != nil {
		return err
	}
	hashes := make([]string, len(ss))
	var spans []spanRow
	seen := map[string]bool{}
	for i, s := range ss {
		hashes[i] = ring.lookup(projectID, spanKind, s.Pseudonym+"\x00"+s.Span)
		if seen[hashes[i]] {
			continue
		}
		seen[hashes[i]] = true
		pseudonym := spanKind + ":" + s.Pseudonym
		spans = append(spans, spanRow{hash: hashes[i], sealed: ring.seal(s.Span, aadFor(projectID, spanKind, pseudonym)), pseudonym: pseudonym, owner: owners[s.Pseudonym]})
	}
	if err := tx.sealSpans(ctx, projectID, spans); err != nil {
		return fmt.Errorf("store: seal spans: %w", err)
	}
	ids, err := tx.spanIDs(ctx, projectID, hashes)
	if err != nil {
		return err
	}
	for i := range ss {
		ss[i].KeyID = ids[hashes[i]]
	}
	if err := tx.addReviews(ctx, ss); err != nil {
		return fmt.Errorf("store: add reviews: %w", err)
	}
	return nil
}

// spanRow is a key-table row of a suspected span.
type spanRow struct {
	hash, sealed, pseudonym string
	owner                   *int64
}

// sealSpans writes the span rows that are not there yet, in order.
func (tx *Tx) sealSpans(ctx context.Context, projectID int64, spans []spanRow) error {
	if tx.s.dialect == Postgres {
		// One statement over arrays: thousands of parameters cost more to
		// parse and plan than to insert.
		hashes, sealed, pseudonyms := make([]string, len(spans)), make([]string, len(spans)), make([]string, len(spans))
		owners := make([]sql.NullInt64, len(spans))
		for i, r := range spans {
			hashes[i], sealed[i], pseudonyms[i] = r.hash, r.sealed, r.pseudonym
			if r.owner != nil {
				owners[i] = sql.NullInt64{Int64: *r.owner, Valid: true}
			}
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO pseudonym_keys (project_id, kind, value_hash, value, pseudonym, participant_id, created_at)
			SELECT $1, $2, u.h, u.v, u.p, u.pid, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[]) WITH ORDINALITY AS u(h, v, p, pid, o)
			ORDER BY u.o ON CONFLICT (project_id, kind, value_hash) DO NOTHING`,
			projectID, spanKind, tx.now, pq.Array(hashes), pq.Array(sealed), pq.Array(pseudonyms), pq.Array(owners))
		return mapErr(err)
	}
	rows := make([]any, 0, len(spans)*7)
	for _, r := range spans {
		rows = append(rows, projectID, spanKind, r.hash, r.sealed, r.pseudonym, r.owner, tx.now)
	}
	return tx.insertRows(ctx, `INSERT INTO pseudonym_keys (project_id, kind, value_hash, value, pseudonym, participant_id, created_at) VALUES `,
		` ON CONFLICT (project_id, kind, value_hash) DO NOTHING`, 7, rows)
}

var reviewCopyCols = []string{"project_id", "source_id", "note_id", "kind", "pseudonym", "key_id", "confidence", "start_off", "end_off", "created_at"}

// addReviews writes the review rows in order: by COPY on PostgreSQL.
func (tx *Tx) addReviews(ctx context.Context, ss []Suspect) error {
	if tx.s.dialect == Postgres {
		at := string(pq.FormatTimestamp(tx.now))
		return tx.copyRows(ctx, "pii_review", reviewCopyCols, len(ss), func(i int) []any {
			r := ss[i].Review
			return []any{r.ProjectID, r.SourceID, r.NoteID, r.Kind, r.Pseudonym, r.KeyID, r.Confidence, r.Start, r.End, at}
		})
	}
	rows := make([]any, 0, len(ss)*10)
	for _, s := range ss {
		r := s.Review
		rows = append(rows, r.ProjectID, r.SourceID, r.NoteID, r.Kind, r.Pseudonym, r.KeyID, r.Confidence, r.Start, r.End, tx.now)
	}
	return tx.insertRows(ctx, `INSERT INTO pii_review (project_id, source_id, note_id, kind, pseudonym, key_id, confidence, start_off, end_off, created_at) VALUES `, ``, 10, rows)
}

// codeParticipants maps each code of the suspects that belongs to a
// participant to that participant's id.
func (tx *Tx) codeParticipants(ctx context.Context, projectID int64, ss []Suspect) (map[string]*int64, error) {
	var codes []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s.Pseudonym] {
			seen[s.Pseudonym] = true
			codes = append(codes, s.Pseudonym)
		}
	}
	out := map[string]*int64{}
	for start := 0; start < len(codes); start += reviewChunk {
		var rows []struct {
			Pseudonym     string `db:"pseudonym"`
			ParticipantID int64  `db:"participant_id"`
		}
		if err := selIn(ctx, tx.tx, &rows, `SELECT pseudonym, participant_id FROM pseudonym_keys WHERE project_id = ? AND pseudonym IN (?) AND participant_id IS NOT NULL ORDER BY id`,
			projectID, codes[start:min(start+reviewChunk, len(codes))]); err != nil {
			return nil, fmt.Errorf("store: seal spans: %w", err)
		}
		for _, r := range rows {
			if out[r.Pseudonym] == nil {
				id := r.ParticipantID
				out[r.Pseudonym] = &id
			}
		}
	}
	return out, nil
}

// spanIDs finds the key-table rows of span hashes.
func (tx *Tx) spanIDs(ctx context.Context, projectID int64, hashes []string) (map[string]int64, error) {
	out := make(map[string]int64, len(hashes))
	if tx.s.dialect == Postgres {
		var rows []struct {
			ID   int64  `db:"id"`
			Hash string `db:"value_hash"`
		}
		if err := sel(ctx, tx.tx, &rows, `SELECT id, value_hash FROM pseudonym_keys WHERE project_id = ? AND kind = ? AND value_hash = ANY(?)`,
			projectID, spanKind, pq.Array(hashes)); err != nil {
			return nil, fmt.Errorf("store: seal spans: %w", err)
		}
		for _, r := range rows {
			out[r.Hash] = r.ID
		}
		return out, nil
	}
	for start := 0; start < len(hashes); start += reviewChunk {
		var rows []struct {
			ID   int64  `db:"id"`
			Hash string `db:"value_hash"`
		}
		if err := selIn(ctx, tx.tx, &rows, `SELECT id, value_hash FROM pseudonym_keys WHERE project_id = ? AND kind = ? AND value_hash IN (?)`,
			projectID, spanKind, hashes[start:min(start+reviewChunk, len(hashes))]); err != nil {
			return nil, fmt.Errorf("store: seal spans: %w", err)
		}
		for _, r := range rows {
			out[r.Hash] = r.ID
		}
	}
	return out, nil
}

// insertRows runs prefix + "(?, …), (?, …)" + suffix over flat rows of
// width values, reviewChunk rows a statement.
func (tx *Tx) insertRows(ctx context.Context, prefix, suffix string, width int, flat []any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for start := 0; start < len(flat); start += reviewChunk * width {
		chunk := flat[start:min(start+reviewChunk*width, len(flat))]
		var q strings.Builder
		q.WriteString(prefix)
		for i := 0; i < len(chunk)/width; i++ {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(row)
		}
		q.WriteString(suffix)
		if _, err := exec(ctx, tx.tx, q.String(), chunk...); err != nil {
			return err
		}
	}
	return nil
}
