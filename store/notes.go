package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"indsigt/model"
)

const noteCols = `n.id, n.project_id, n.source_id, n.position, n.speaker, n.speaker_role, n.text, n.start_ms, n.end_ms, n.created_at, n.fields`

func isNotFound(err error) bool { return errors.Is(err, model.ErrNotFound) }

// Note finds one note of a project, with its tags.
func (s *Store) Note(ctx context.Context, projectID, id int64) (model.Note, error) {
	var n model.Note
	if err := get(ctx, s.db, &n, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.id = ?`, projectID, id); err != nil {
		return n, fmt.Errorf("store: note %d: %w", id, err)
	}
	tags, err := s.noteTags(ctx, []int64{id})
	n.Tags = tags[id]
	return n, err
}

// SourceNotes lists a source's notes in order, with their tags.
func (s *Store) SourceNotes(ctx context.Context, projectID, sourceID int64) ([]model.Note, error) {
	var ns []model.Note
	if err := sel(ctx, s.db, &ns, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.source_id = ? ORDER BY n.position`, projectID, sourceID); err != nil {
		return nil, fmt.Errorf("store: source notes: %w", err)
	}
	return s.withTags(ctx, ns)
}

// NotesByID loads notes of one project; ids of other projects are ignored.
func (s *Store) NotesByID(ctx context.Context, projectID int64, ids []int64) ([]model.Note, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var ns []model.Note
	if err := selIn(ctx, s.db, &ns, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.id IN (?) ORDER BY n.id`, projectID, ids); err != nil {
		return nil, fmt.Errorf("store: notes: %w", err)
	}
	return s.withTags(ctx, ns)
}

// ProjectNotes pages through all notes of a project in id order.
func (s *Store) ProjectNotes(ctx context.Context, projectID, afterID int64, limit int) ([]model.Note, error) {
	var ns []model.Note
	if err := sel(ctx, s.db, &ns, `SELECT `+noteCols+` FROM notes n WHERE n.project_id = ? AND n.id > ? ORDER BY n.id LIMIT ?`, projectID, afterID, limit); err != nil {
		return nil, fmt.Errorf("store: project notes: %w", err)
	}
	return s.withTags(ctx, ns)
}

func (s *Store) withTags(ctx context.Context, ns []model.Note) ([]model.Note, error) {
	ids := make([]int64, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	tags, err := s.noteTags(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range ns {
		ns[i].Tags = tags[ns[i].ID]
		if ns[i].Tags == nil {
			ns[i].Tags = []string{}
		}
	}
	return ns, nil
}

func (s *Store) noteTags(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		var rows []struct {
			NoteID int64  `db:"note_id"`
			Name   string `db:"name"`
		}
		if err := selIn(ctx, s.db, &rows, `SELECT nt.note_id, t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id IN (?) ORDER BY t.name`, chunk); err != nil {
			return nil, fmt.Errorf("store: note tags: %w", err)
		}
		for _, r := range rows {
			out[r.NoteID] = append(out[r.NoteID], r.Name)
		}
	}
	return out, nil
}

// noteChanged queues a note for (re)indexing in the same transaction as the change.
func (tx *Tx) noteChanged(ctx context.Context, projectID, noteID int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at) VALUES (?, 'note', ?, 'upsert', ?)`, projectID, noteID, tx.now)
	if err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return nil
}

// insightNotesChanged queues every evidence note of an insight, whose
// index document carries the insight's id and phase.
func (tx *Tx) insightNotesChanged(ctx context.Context, projectID, insightID int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO change_log (project_id, entity, entity_id, op, at)
		SELECT ?, 'note', note_id, 'upsert', ? FROM evidence WHERE insight_id = ?`, projectID, tx.now, insightID)
	if err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return nil
}

// What a change_log row names (its entity column).
const (
	// EntityNote: one note to index again or remove.
	EntityNote = "note"
	// EntitySource: every note of a source to index, written once for a
	// new source's notes by AddNotes instead of one row per note. The row
	// is read when it is applied: a note deleted or edited since has its
	// own, later row, and is indexed as it is then.
	EntitySource = "source"
)

// Change is one change_log row: a note to index again or remove, or a
// source whose notes to index (Entity).
type Change struct {
	ID        int64  `db:"id"`
	Tx        int64  `db:"tx"`
	ProjectID int64  `db:"project_id"`
	Entity    string `db:"entity"`
	EntityID  int64  `db:"entity_id"`
	Op        string `db:"op"`
}

// Checkpoint is the indexer's position in the change log.
type Checkpoint struct {
	Tx int64 `json:"tx" db:"tx"`
	ID int64 `json:"id" db:"id"`
}

// Before reports whether cp comes before o in the change log's order.
func (cp Checkpoint) Before(o Checkpoint) bool {
	return cp.Tx < o.Tx || cp.Tx == o.Tx && cp.ID < o.ID
}

// ChangesAfter returns change_log rows after cp in commit-safe order. On
// PostgreSQL ids are taken before commit, so a later id can commit first;
// reading in (tx, id) order and only below the oldest transaction still
// running means no row can later appear behind the checkpoint.
//
// "Still running" is read from this statement's snapshot, leaving out the
// transactions that pg_stat_activity shows running in other databases of
// the cluster: they never write our change_log, and a long one (a pg_dump,
// another application's batch) must not stall freshness here. A
// transaction that ended between the snapshot and that look is kept, which
// only delays its rows to the next poll.
//
// Rows after cp that the change log no longer holds (trimmed, see
// changelog_trim.go) answer ErrTrimmed: the reader must rebuild.
func (s *Store) ChangesAfter(ctx context.Context, cp Checkpoint, limit int) ([]Change, error) {
	var cs []Change
	var err error
	if s.dialect == Postgres {
		err = sel(ctx, s.db, &cs, `SELECT id, tx, project_id, entity, entity_id, op FROM change_log, `+pgHorizon+` h
			WHERE (tx, id) > (?, ?) AND tx < h.horizon
			ORDER BY tx, id LIMIT ?`, cp.Tx, cp.ID, limit)
	} else {
		err = sel(ctx, s.db, &cs, `SELECT id, tx, project_id, entity, entity_id, op FROM change_log WHERE id > ? ORDER BY id LIMIT ?`, cp.ID, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("store: changes: %w", err)
	}
	if len(cs) > 0 {
		// Read after the rows: a trim that deleted some of them has
		// committed its mark by now (at worst one not yet applied is
		// reported too, which costs a rebuild, never a lost change).
		if err := s.checkNotTrimmed(ctx, cp); err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// pgHorizon is the oldest transaction id that may still commit rows into
// this database's change log (see ChangesAfter), as a one-row subquery.
const pgHorizon = `(SELECT COALESCE(
		(SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
		 WHERE (x::text::bigint & 4294967295) NOT IN (
			SELECT backend_xid::text::bigint FROM pg_stat_activity
			WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())),
		pg_snapshot_xmax(pg_current_snapshot())::text::bigint) AS horizon)`

// SafeCheckpoint is the position after every change that can no longer be
// preceded by another: the latest row below the horizon, in one query. A
// rebuild takes it before reading the notes, so that changes committed
// while it reads are applied again afterwards (upserts are idempotent).
// It returns that row (zero when the log is empty).
func (s *Store) SafeCheckpoint(ctx context.Context) (Change, error) {
	q := `SELECT id, tx, project_id, entity, entity_id, op FROM change_log ORDER BY id DESC LIMIT 1`
	if s.dialect == Postgres {
		q = `SELECT id, tx, project_id, entity, entity_id, op FROM change_log, ` + pgHorizon + ` h WHERE tx < h.horizon ORDER BY tx DESC, id DESC LIMIT 1`
	}
	var cs []Change
	if err := sel(ctx, s.db, &cs, q); err != nil {
		return Change{}, fmt.Errorf("store: safe checkpoint: %w", err)
	}
	if len(cs) == 0 {
		return Change{}, nil
	}
	return cs[0], nil
}

// LatestCheckpoint is the position after every change committed so far;
// readiness compares the index's checkpoint with it.
func (s *Store) LatestCheckpoint(ctx context.Context) (Checkpoint, error) {
	var cp Checkpoint
	var row struct {
		Tx *int64 `db:"tx"`
		ID *int64 `db:"id"`
	}
	err := get(ctx, s.db, &row, `SELECT tx, id FROM change_log ORDER BY tx DESC, id DESC LIMIT 1`)
	if isNotFound(err) {
		return cp, nil
	}
	if err != nil {
		return cp, fmt.Errorf("store: latest change: %w", err)
	}
	cp.Tx, cp.ID = *row.Tx, *row.ID
	return cp, nil
}

// IndexNote is everything the search index holds about a note.
type IndexNote struct {
	model.Note
	SourceTitle string     `db:"source_title"`
	SourceKind  string     `db:"source_kind"`
	OccurredOn  *time.Time `db:"occurred_on"`
	InsightIDs  []int64    `db:"-"`
	Phases      []string   `db:"-"`
	// HighlightTags are the tags of the note's highlights, each once.
	HighlightTags []string `db:"-"`
}

// IndexNotes loads notes for the indexer; ids that no longer exist are
// simply absent, which tells the indexer to delete them.
func (s *Store) IndexNotes(ctx context.Context, ids []int64) ([]IndexNote, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var ns []IndexNote
	if err := selIn(ctx, s.db, &ns, `SELECT `+noteCols+`, s.title AS source_title, s.kind AS source_kind, s.occurred_on
		FROM notes n JOIN sources s ON s.id = n.source_id WHERE n.id IN (?) ORDER BY n.id`, ids); err != nil {
		return nil, fmt.Errorf("store: index notes: %w", err)
	}
	tags, err := s.noteTags(ctx, ids)
	if err != nil {
		return nil, err
	}
	hlTags, err := s.highlightTagsOfNotes(ctx, ids)
	if err != nil {
		return nil, err
	}
	var ev []struct {
		NoteID    int64  `db:"note_id"`
		InsightID int64  `db:"id"`
		Phase     string `db:"phase"`
	}
	if err := selIn(ctx, s.db, &ev, `SELECT e.note_id, i.id, i.phase FROM evidence e JOIN insights i ON i.id = e.insight_id WHERE e.note_id IN (?) ORDER BY i.id`, ids); err != nil {
		return nil, fmt.Errorf("store: index evidence: %w", err)
	}
	byNote := map[int64]*IndexNote{}
	for i := range ns {
		ns[i].Tags, ns[i].HighlightTags = tags[ns[i].ID], hlTags[ns[i].ID]
		byNote[ns[i].ID] = &ns[i]
	}
	for _, e := range ev {
		if n := byNote[e.NoteID]; n != nil {
			n.InsightIDs = append(n.InsightIDs, e.InsightID)
			n.Phases = append(n.Phases, e.Phase)
		}
	}
	return ns, nil
}

// AllNoteIDs pages through every note id, for rebuilding the index.
func (s *Store) AllNoteIDs(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	var ids []int64
	err := sel(ctx, s.db, &ids, `SELECT id FROM notes WHERE id > ? ORDER BY id LIMIT ?`, afterID, limit)
	return ids, err
}
