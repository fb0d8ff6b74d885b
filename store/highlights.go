package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"indsigt/model"
)

const highlightCols = `h.id, h.project_id, h.note_id, h.start_at, h.end_at, h.quote, h.created_by, COALESCE(u.name, '') AS author, h.created_at,
	n.source_id, s.title AS source_title, n.speaker`

const highlightFrom = ` FROM highlights h JOIN notes n ON n.id = h.note_id JOIN sources s ON s.id = n.source_id LEFT JOIN users u ON u.id = h.created_by`

// HighlightFilter narrows a project's highlights; a zero field does not filter.
type HighlightFilter struct {
	NoteIDs  []int64
	SourceID int64
	Tag      string // highlights with this tag, whatever its case
	AfterID  int64  // paging: highlights with a larger id
	Limit    int
}

// CreateHighlight stores a span of a note's stored text and queues the
// note for indexing (its document carries the highlights' tags).
func (tx *Tx) CreateHighlight(ctx context.Context, projectID, noteID int64, start, end int, by int64) (model.Highlight, error) {
	var text string
	if err := get(ctx, tx.tx, &text, `SELECT text FROM notes WHERE id = ? AND project_id = ?`, noteID, projectID); err != nil {
		return model.Highlight{}, fmt.Errorf("store: note %d: %w", noteID, err)
	}
	quote, err := model.SpanOf(text, start, end)
	if err != nil {
		return model.Highlight{}, err
	}
	var id int64
	err = get(ctx, tx.tx, &id, `INSERT INTO highlights (project_id, note_id, start_at, end_at, quote, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		projectID, noteID, start, end, quote, nullID(by), tx.now)
	if err != nil {
		return model.Highlight{}, fmt.Errorf("store: create highlight: %w", err)
	}
	if err := tx.noteChanged(ctx, projectID, noteID); err != nil {
		return model.Highlight{}, err
	}
	return tx.Highlight(ctx, projectID, id)
}

// Highlight reads one highlight of the project with its tags.
func (tx *Tx) Highlight(ctx context.Context, projectID, id int64) (model.Highlight, error) {
	var hs []model.Highlight
	if err := sel(ctx, tx.tx, &hs, `SELECT `+highlightCols+highlightFrom+` WHERE h.id = ? AND h.project_id = ?`, id, projectID); err != nil {
		return model.Highlight{}, fmt.Errorf("store: highlight %d: %w", id, err)
	}
	if len(hs) == 0 {
		return model.Highlight{}, fmt.Errorf("store: highlight %d: %w", id, model.ErrNotFound)
	}
	hs, err := withHighlightTags(ctx, tx.tx, hs)
	if err != nil {
		return model.Highlight{}, err
	}
	return hs[0], nil
}

// TagHighlight puts each named tag (created if needed) on a highlight.
func (tx *Tx) TagHighlight(ctx context.Context, projectID, id int64, tags []string, by int64) error {
	h, err := tx.Highlight(ctx, projectID, id)
	if err != nil {
		return err
	}
	for _, name := range tags {
		tagID, err := tx.EnsureTag(ctx, projectID, name, by)
		if err != nil {
			return err
		}
		if _, err := exec(ctx, tx.tx, `INSERT INTO highlight_tags (highlight_id, tag_id, created_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			id, tagID, nullID(by), tx.now); err != nil {
			return fmt.Errorf("store: tag highlight: %w", err)
		}
	}
	return tx.noteChanged(ctx, projectID, h.NoteID)
}

// UntagHighlight removes a tag from a highlight.
func (tx *Tx) UntagHighlight(ctx context.Context, projectID, id int64, tag string) error {
	h, err := tx.Highlight(ctx, projectID, id)
	if err != nil {
		return err
	}
	if err := execOne(ctx, tx.tx, "store: untag highlight", fmt.Errorf("%w: highlight %d has no tag %q", model.ErrNotFound, id, tag),
		`DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = (SELECT id FROM tags WHERE project_id = ? AND name_key = ?)`, id, projectID, TagKey(tag)); err != nil {
		return err
	}
	return tx.noteChanged(ctx, projectID, h.NoteID)
}

// DeleteHighlight removes a highlight with its tags and memos; evidence
// that cited it falls back to its whole note.
func (tx *Tx) DeleteHighlight(ctx context.Context, projectID, id int64) error {
	h, err := tx.Highlight(ctx, projectID, id)
	if err != nil {
		return err
	}
	if _, err := exec(ctx, tx.tx, `DELETE FROM highlights WHERE id = ? AND project_id = ?`, id, projectID); err != nil {
		return fmt.Errorf("store: delete highlight: %w", err)
	}
	return tx.noteChanged(ctx, projectID, h.NoteID)
}

// RemapHighlights moves the highlights of a note whose text changed from
// old to new (a redaction, a restore), so that they keep their words; a
// highlight with nothing left of its span is deleted. It answers how many
// were moved and deleted.
//
// model.RemapSpan takes the edit as one changed region, which stretches a
// span lying between two edits (a name replaced twice in the note) over
// both; a span whose quote is still in the new text is therefore put on
// the occurrence nearest to where RemapSpan placed it.
func (tx *Tx) RemapHighlights(ctx context.Context, projectID, noteID int64, old, new string) (moved, deleted int, err error) {
	if old == new {
		return 0, 0, nil
	}
	var hs []model.Highlight
	if err := sel(ctx, tx.tx, &hs, `SELECT id, start_at, end_at, quote FROM highlights WHERE project_id = ? AND note_id = ?`, projectID, noteID); err != nil {
		return 0, 0, fmt.Errorf("store: highlights of note %d: %w", noteID, err)
	}
	for _, h := range hs {
		s, e, ok := model.RemapSpan(old, new, h.Start, h.End)
		if qs, qe, found := nearestQuote(new, h.Quote, s); found {
			s, e, ok = qs, qe, true
		}
		if !ok {
			if _, err := exec(ctx, tx.tx, `DELETE FROM highlights WHERE id = ?`, h.ID); err != nil {
				return moved, deleted, fmt.Errorf("store: delete highlight: %w", err)
			}
			deleted++
			continue
		}
		quote, err := model.SpanOf(new, s, e)
		if err != nil {
			return moved, deleted, err
		}
		if _, err := exec(ctx, tx.tx, `UPDATE highlights SET start_at = ?, end_at = ?, quote = ? WHERE id = ?`, s, e, quote, h.ID); err != nil {
			return moved, deleted, fmt.Errorf("store: move highlight: %w", err)
		}
		moved++
	}
	return moved, deleted, nil
}

// nearestQuote finds quote in text, the occurrence starting nearest to
// the character offset near, and answers its span in characters.
func nearestQuote(text, quote string, near int) (start, end int, ok bool) {
	if quote == "" {
		return 0, 0, false
	}
	best, n := -1, utf8.RuneCountInString(quote)
	for from := 0; ; {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			break
		}
		at := utf8.RuneCountInString(text[:from+i])
		if best < 0 || abs(at-near) < abs(best-near) {
			best = at
		}
		_, size := utf8.DecodeRuneInString(text[from+i:])
		from += i + size
	}
	return best, best + n, best >= 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Highlights lists a project's highlights with their tags, in id order.
// Many NoteIDs (a participant's notes) are read in chunks.
func (s *Store) Highlights(ctx context.Context, projectID int64, f HighlightFilter) ([]model.Highlight, error) {
	if len(f.NoteIDs) > inChunk {
		return s.highlightsInChunks(ctx, projectID, f)
	}
	q := `SELECT ` + highlightCols + highlightFrom + ` WHERE h.project_id = ? AND h.id > ?`
	args := []any{projectID, f.AfterID}
	if len(f.NoteIDs) > 0 {
		q += ` AND h.note_id IN (?)`
		args = append(args, f.NoteIDs)
	}
	if f.SourceID > 0 {
		q += ` AND n.source_id = ?`
		args = append(args, f.SourceID)
	}
	if f.Tag != "" {
		q += ` AND h.id IN (SELECT ht.highlight_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE t.project_id = ? AND t.name_key = ?)`
		args = append(args, projectID, TagKey(f.Tag))
	}
	q += ` ORDER BY h.id`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	q, args, err := in(s.db, q, args...)
	if err != nil {
		return nil, err
	}
	var hs []model.Highlight
	if err := sel(ctx, s.db, &hs, q, args...); err != nil {
		return nil, fmt.Errorf("store: highlights: %w", err)
	}
	return withHighlightTags(ctx, s.db, hs)
}

func (s *Store) highlightsInChunks(ctx context.Context, projectID int64, f HighlightFilter) ([]model.Highlight, error) {
	var out []model.Highlight
	for ids := f.NoteIDs; len(ids) > 0; {
		part := f
		part.NoteIDs, ids = ids[:min(len(ids), inChunk)], ids[min(len(ids), inChunk):]
		hs, err := s.Highlights(ctx, projectID, part)
		if err != nil {
			return nil, err
		}
		out = append(out, hs...)
	}
	slices.SortFunc(out, func(a, b model.Highlight) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func withHighlightTags(ctx context.Context, q queryer, hs []model.Highlight) ([]model.Highlight, error) {
	byID := make(map[int64]int, len(hs))
	ids := make([]int64, len(hs))
	for i, h := range hs {
		byID[h.ID], ids[i] = i, h.ID
		hs[i].Tags = []string{}
	}
	var rows []struct {
		ID   int64  `db:"highlight_id"`
		Name string `db:"name"`
	}
	if err := selectIn(ctx, q, &rows, `SELECT ht.highlight_id, t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id IN (?) ORDER BY t.name`, ids); err != nil {
		return nil, fmt.Errorf("store: highlight tags: %w", err)
	}
	for _, r := range rows {
		i := byID[r.ID]
		hs[i].Tags = append(hs[i].Tags, r.Name)
	}
	return hs, nil
}
