package store

import (
	"context"
	"fmt"
)

// inChunk bounds the ids of one IN (...) list: SQLite allows 32766
// parameters, and shorter lists plan faster on both dialects.
const inChunk = 500

// selectIn runs query, whose one IN (?) takes ids, in chunks and appends
// the rows of every chunk to dest.
func selectIn[T any](ctx context.Context, q queryer, dest *[]T, query string, ids []int64) error {
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), inChunk)]
		ids = ids[len(chunk):]
		qs, args, err := in(q, query, chunk)
		if err != nil {
			return err
		}
		var rows []T
		if err := sel(ctx, q, &rows, qs, args...); err != nil {
			return err
		}
		*dest = append(*dest, rows...)
	}
	return nil
}

// highlightTagsOfNotes answers, per note, the tags of its highlights, each
// once: the index finds and counts a note by them (search.NoteDoc).
func (s *Store) highlightTagsOfNotes(ctx context.Context, noteIDs []int64) (map[int64][]string, error) {
	var rows []struct {
		NoteID int64  `db:"note_id"`
		Name   string `db:"name"`
	}
	err := selectIn(ctx, s.db, &rows, `SELECT DISTINCT h.note_id, t.name FROM highlights h
		JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id
		WHERE h.note_id IN (?) ORDER BY h.note_id, t.name`, noteIDs)
	if err != nil {
		return nil, fmt.Errorf("store: highlight tags of notes: %w", err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.NoteID] = append(out[r.NoteID], r.Name)
	}
	return out, nil
}
