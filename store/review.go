package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"indsigt/model"
)

// Review is one match of the personal-data finder below the review
// threshold: replaced like every other, listed for a person to look at. It
// names the code and where it stood in the stored text, never the original.
type Review struct {
	ID         int64      `db:"id" json:"id,string"`
	ProjectID  int64      `db:"project_id" json:"-"`
	SourceID   int64      `db:"source_id" json:"source_id,string"`
	NoteID     int64      `db:"note_id" json:"note_id,string"`
	Kind       string     `db:"kind" json:"kind"`
	Pseudonym  string     `db:"pseudonym" json:"code"`
	KeyID      int64      `db:"key_id" json:"-"`
	Confidence float64    `db:"confidence" json:"confidence"`
	Start      int        `db:"start_off" json:"start"`
	End        int        `db:"end_off" json:"end"`
	Resolution string     `db:"resolution" json:"resolution"`
	ResolvedBy *int64     `db:"resolved_by" json:"-"`
	ResolvedAt *time.Time `db:"resolved_at" json:"resolved_at,omitempty"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
}

// Resolutions of a review row.
const (
	ReviewOpen     = ""
	ReviewRestored = "restored" // a false alarm: the original is back in the note
	ReviewKept     = "kept"     // confirmed as personal data: the code stays
)

const reviewCols = `id, project_id, source_id, note_id, kind, pseudonym, key_id, confidence, start_off, end_off, resolution, resolved_by, resolved_at, created_at`

// AddReview records a match for review.
func (tx *Tx) AddReview(ctx context.Context, r Review) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO pii_review (project_id, source_id, note_id, kind, pseudonym, key_id, confidence, start_off, end_off, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ProjectID, r.SourceID, r.NoteID, r.Kind, r.Pseudonym, r.KeyID, r.Confidence, r.Start, r.End, tx.now)
	if err != nil {
		return fmt.Errorf("store: add review: %w", err)
	}
	return nil
}

// Reviews lists a source's review rows in the order of its notes.
func (s *Store) Reviews(ctx context.Context, projectID, sourceID int64) ([]Review, error) {
	var out []Review
	err := sel(ctx, s.db, &out, `SELECT r.id, r.project_id, r.source_id, r.note_id, r.kind, r.pseudonym, r.key_id, r.confidence, r.start_off, r.end_off, r.resolution, r.resolved_by, r.resolved_at, r.created_at
		FROM pii_review r JOIN notes n ON n.id = r.note_id WHERE r.project_id = ? AND r.source_id = ? ORDER BY n.position, r.start_off, r.id`, projectID, sourceID)
	if err != nil {
		return nil, fmt.Errorf("store: reviews: %w", err)
	}
	return out, nil
}

// Review finds one review row of a project.
func (tx *Tx) Review(ctx context.Context, projectID, id int64) (Review, error) {
	var r Review
	if err := get(ctx, tx.tx, &r, `SELECT `+reviewCols+` FROM pii_review WHERE project_id = ? AND id = ?`, projectID, id); err != nil {
		return r, fmt.Errorf("store: review %d: %w", id, err)
	}
	return r, nil
}

// Review finds one review row of a project outside a transaction.
func (s *Store) Review(ctx context.Context, projectID, id int64) (Review, error) {
	var r Review
	if err := get(ctx, s.db, &r, `SELECT `+reviewCols+` FROM pii_review WHERE project_id = ? AND id = ?`, projectID, id); err != nil {
		return r, fmt.Errorf("store: review %d: %w", id, err)
	}
	return r, nil
}

// ResolveReview marks an open review row resolved; a row resolved before
// is a conflict.
func (tx *Tx) ResolveReview(ctx context.Context, projectID, id int64, resolution string, by int64) error {
	return execOne(ctx, tx.tx, "store: resolve review", fmt.Errorf("%w: review %d was already resolved", model.ErrConflict, id),
		`UPDATE pii_review SET resolution = ?, resolved_by = ?, resolved_at = ?
		WHERE project_id = ? AND id = ? AND resolution = ''`, resolution, nullID(by), tx.now, projectID, id)
}

// ShiftReviews moves the offsets of a note's review rows that start after
// at by delta bytes, after the text before them changed length.
func (tx *Tx) ShiftReviews(ctx context.Context, projectID, noteID int64, at, delta int) error {
	if delta == 0 {
		return nil
	}
	_, err := exec(ctx, tx.tx, `UPDATE pii_review SET start_off = start_off + ?, end_off = end_off + ? WHERE project_id = ? AND note_id = ? AND start_off > ? AND start_off + ? >= 0`,
		delta, delta, projectID, noteID, at, delta)
	if err != nil {
		return fmt.Errorf("store: shift reviews: %w", err)
	}
	return nil
}

// NoteForUpdate reads one note of a project inside tx.
func (tx *Tx) NoteForUpdate(ctx context.Context, projectID, id int64) (model.Note, error) {
	var n model.Note
	if err := get(ctx, tx.tx, &n, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.id = ?`, projectID, id); err != nil {
		return n, fmt.Errorf("store: note %d: %w", id, err)
	}
	return n, nil
}

// NotesContaining lists the project's notes whose text holds s (compared
// without regard to ASCII case; the caller matches exactly).
func (tx *Tx) NotesContaining(ctx context.Context, projectID int64, s string) ([]model.Note, error) {
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
	var ns []model.Note
	if err := sel(ctx, tx.tx, &ns, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.text LIKE ? ESCAPE '\' ORDER BY n.id`, projectID, "%"+esc+"%"); err != nil {
		return nil, fmt.Errorf("store: notes containing: %w", err)
	}
	return ns, nil
}

// SetNoteText replaces a note's text, moves its highlights to the same
// words in the new text (RemapHighlights) and queues it for indexing.
func (tx *Tx) SetNoteText(ctx context.Context, projectID, noteID int64, text string) error {
	var old string
	if err := get(ctx, tx.tx, &old, `SELECT text FROM notes WHERE project_id = ? AND id = ?`, projectID, noteID); err != nil {
		return fmt.Errorf("store: note %d: %w", noteID, err)
	}
	if _, err := exec(ctx, tx.tx, `UPDATE notes SET text = ? WHERE project_id = ? AND id = ?`, text, projectID, noteID); err != nil {
		return fmt.Errorf("store: set note text: %w", err)
	}
	if _, _, err := tx.RemapHighlights(ctx, projectID, noteID, old, text); err != nil {
		return err
	}
	return tx.noteChanged(ctx, projectID, noteID)
}

// Original opens the original value behind a code inside tx.
func (tx *Tx) Original(ctx context.Context, projectID int64, pseudonym string) (kind, value string, err error) {
	var row struct {
		Kind  string `db:"kind"`
		Value string `db:"value"`
	}
	if err := get(ctx, tx.tx, &row, `SELECT kind, value FROM pseudonym_keys WHERE project_id = ? AND pseudonym = ? ORDER BY id LIMIT 1`, projectID, pseudonym); err != nil {
		return "", "", fmt.Errorf("store: original of %s: %w", pseudonym, err)
	}
	v, err := tx.s.ring().open(row.Value, aadFor(projectID, row.Kind, pseudonym))
	return row.Kind, v, err
}

// spanKind is the key-table kind of the text a suspected match replaced.
const spanKind = "span"

// SealSpan keeps the text a suspected match replaced, sealed in the key
// table beside its code, and returns the row's id for the review row. The
// text may be less than the code's value ("Skov" where the code stands for
// "Anne Skov"), so a restore must put back this text, not the value. The
// row's pseudonym is "span:<code>", which no code numbering counts; it
// belongs to the code's participant, so erasing the participant erases it.
func (tx *Tx) SealSpan(ctx context.Context, projectID int64, code, span string) (int64, error) {
	ring := tx.s.ring()
	pseudonym := spanKind + ":" + code
	hash := ring.lookup(projectID, spanKind, code+"\x00"+span)
	var pid *int64
	var ids []int64
	if err := sel(ctx, tx.tx, &ids, `SELECT participant_id FROM pseudonym_keys WHERE project_id = ? AND pseudonym = ? AND participant_id IS NOT NULL`, projectID, code); err != nil {
		return 0, fmt.Errorf("store: seal span: %w", err)
	}
	if len(ids) > 0 {
		pid = &ids[0]
	}
	_, err := exec(ctx, tx.tx, `INSERT INTO pseudonym_keys (project_id, kind, value_hash, value, pseudonym, participant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (project_id, kind, value_hash) DO NOTHING`,
		projectID, spanKind, hash, ring.seal(span, aadFor(projectID, spanKind, pseudonym)), pseudonym, pid, tx.now)
	if err != nil {
		return 0, fmt.Errorf("store: seal span: %w", err)
	}
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM pseudonym_keys WHERE project_id = ? AND kind = ? AND value_hash = ?`, projectID, spanKind, hash); err != nil {
		return 0, fmt.Errorf("store: seal span: %w", err)
	}
	return id, nil
}

// Span opens the text a suspected match replaced (see SealSpan).
func (tx *Tx) Span(ctx context.Context, projectID int64, r Review) (string, error) {
	var value string
	if err := get(ctx, tx.tx, &value, `SELECT value FROM pseudonym_keys WHERE project_id = ? AND id = ? AND kind = ?`, projectID, r.KeyID, spanKind); err != nil {
		return "", fmt.Errorf("store: span of review %d: %w", r.ID, err)
	}
	return tx.s.ring().open(value, aadFor(projectID, spanKind, spanKind+":"+r.Pseudonym))
}
