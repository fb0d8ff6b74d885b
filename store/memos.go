package store

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
)

const memoCols = `m.id, m.project_id, m.body, m.created_by, COALESCE(u.name, '') AS author, m.created_at, m.source_id, m.note_id, m.tag_id, m.insight_id, m.highlight_id`

// memoTables maps a memo target's kind to its table and column; the kinds
// are model.MemoKinds, so no other text reaches the SQL.
var memoTables = map[string][2]string{
	"source":    {"sources", "source_id"},
	"note":      {"notes", "note_id"},
	"tag":       {"tags", "tag_id"},
	"insight":   {"insights", "insight_id"},
	"highlight": {"highlights", "highlight_id"},
}

// MemoFilter narrows a project's memos; a zero field does not filter.
type MemoFilter struct {
	Target *model.MemoTarget
	Kind   string // every memo on this kind of object
	Text   string // words the memo contains, case-insensitively
	Limit  int
}

// CreateMemo stores a memo on an object of the project.
func (tx *Tx) CreateMemo(ctx context.Context, projectID int64, on model.MemoTarget, body string, by int64) (model.Memo, error) {
	t, ok := memoTables[on.Kind]
	if !ok {
		return model.Memo{}, fmt.Errorf("%w: memo on %q", model.ErrInvalid, on.Kind)
	}
	// The target must be the project's; a highlight's memo also names its
	// note (see model.Memo).
	var found struct {
		ID   int64  `db:"id"`
		Note *int64 `db:"note_id"`
	}
	note := `NULL AS note_id`
	if on.Kind == "highlight" {
		note = `note_id`
	}
	if err := get(ctx, tx.tx, &found, `SELECT id, `+note+` FROM `+t[0]+` WHERE id = ? AND project_id = ?`, on.ID, projectID); err != nil {
		return model.Memo{}, fmt.Errorf("store: memo target %s: %w", on, err)
	}
	cols, args := t[1], []any{projectID, on.ID}
	if found.Note != nil {
		cols, args = cols+`, note_id`, append(args, *found.Note)
	}
	args = append(args, body, nullID(by), tx.now)
	var id int64
	err := get(ctx, tx.tx, &id, `INSERT INTO memos (project_id, `+cols+`, body, created_by, created_at) VALUES (?`+strings.Repeat(", ?", len(args)-1)+`) RETURNING id`, args...)
	if err != nil {
		return model.Memo{}, fmt.Errorf("store: create memo: %w", err)
	}
	return tx.Memo(ctx, projectID, id)
}

// Memo reads one memo of the project.
func (tx *Tx) Memo(ctx context.Context, projectID, id int64) (model.Memo, error) {
	var m model.Memo
	err := get(ctx, tx.tx, &m, `SELECT `+memoCols+` FROM memos m LEFT JOIN users u ON u.id = m.created_by WHERE m.id = ? AND m.project_id = ?`, id, projectID)
	if err != nil {
		return m, fmt.Errorf("store: memo %d: %w", id, err)
	}
	m.Target = m.On().String()
	return m, nil
}

// DeleteMemo removes a memo of the project.
func (tx *Tx) DeleteMemo(ctx context.Context, projectID, id int64) error {
	return execOne(ctx, tx.tx, "store: delete memo", fmt.Errorf("store: memo %d: %w", id, model.ErrNotFound),
		`DELETE FROM memos WHERE id = ? AND project_id = ?`, id, projectID)
}

// Memos lists a project's memos, newest first.
func (s *Store) Memos(ctx context.Context, projectID int64, f MemoFilter) ([]model.Memo, error) {
	q := `SELECT ` + memoCols + ` FROM memos m LEFT JOIN users u ON u.id = m.created_by WHERE m.project_id = ?`
	args := []any{projectID}
	if f.Target != nil {
		t, ok := memoTables[f.Target.Kind]
		if !ok {
			return nil, fmt.Errorf("%w: memo on %q", model.ErrInvalid, f.Target.Kind)
		}
		q += ` AND m.` + t[1] + ` = ?` + notOnHighlight(f.Target.Kind)
		args = append(args, f.Target.ID)
	}
	if f.Kind != "" {
		t, ok := memoTables[f.Kind]
		if !ok {
			return nil, fmt.Errorf("%w: memo on %q", model.ErrInvalid, f.Kind)
		}
		q += ` AND m.` + t[1] + ` IS NOT NULL` + notOnHighlight(f.Kind)
	}
	for _, w := range strings.Fields(f.Text) {
		q += ` AND LOWER(m.body) LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(strings.ToLower(w))+"%")
	}
	q += ` ORDER BY m.created_at DESC, m.id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	var ms []model.Memo
	if err := sel(ctx, s.db, &ms, q, args...); err != nil {
		return nil, fmt.Errorf("store: memos: %w", err)
	}
	for i := range ms {
		ms[i].Target = ms[i].On().String()
	}
	return ms, nil
}

// notOnHighlight keeps a note's memos apart from its highlights' memos,
// which name the note too.
func notOnHighlight(kind string) string {
	if kind == "note" {
		return ` AND m.highlight_id IS NULL`
	}
	return ""
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
