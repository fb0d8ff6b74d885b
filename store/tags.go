package store

import (
	"context"
	"fmt"
	"strings"

	"indsigt/model"
)

const tagCols = `t.id, t.project_id, t.parent_id, t.name, t.description, t.color, t.created_at`

// Rule is a stored codebook rule: a phrase or word stem that tags a note.
type Rule struct {
	ID      int64  `db:"id" json:"id,string"`
	TagID   int64  `db:"tag_id" json:"tag_id,string"`
	Tag     string `db:"tag" json:"tag"`
	Pattern string `db:"pattern" json:"pattern"`
	Match   string `db:"match" json:"match"`
}

// Tags lists a project's codebook with note counts, ordered by name.
func (s *Store) Tags(ctx context.Context, projectID int64) ([]model.Tag, error) {
	var ts []model.Tag
	err := sel(ctx, s.db, &ts, `SELECT `+tagCols+`, (SELECT COUNT(*) FROM note_tags nt WHERE nt.tag_id = t.id) AS note_count
		FROM tags t WHERE t.project_id = ? ORDER BY t.name`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: tags: %w", err)
	}
	return ts, nil
}

// Rules lists a project's codebook rules.
func (s *Store) Rules(ctx context.Context, projectID int64) ([]Rule, error) {
	var rs []Rule
	err := sel(ctx, s.db, &rs, `SELECT r.id, r.tag_id, t.name AS tag, r.pattern, r.match FROM codebook_rules r JOIN tags t ON t.id = r.tag_id
		WHERE r.project_id = ? ORDER BY t.name, r.pattern`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: rules: %w", err)
	}
	return rs, nil
}

// CreateTag adds a tag to the codebook; a tag of that name must not exist.
func (tx *Tx) CreateTag(ctx context.Context, t model.Tag, by int64) (model.Tag, error) {
	t.Name = strings.TrimSpace(t.Name)
	if err := t.Validate(); err != nil {
		return t, err
	}
	if err := tx.parentInProject(ctx, t); err != nil {
		return t, err
	}
	t.CreatedAt = tx.now
	err := get(ctx, tx.tx, &t.ID, `INSERT INTO tags (project_id, parent_id, name, name_key, description, color, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		t.ProjectID, t.ParentID, t.Name, TagKey(t.Name), t.Description, t.Color, t.CreatedAt)
	if err != nil {
		if IsConflict(err) {
			return t, tagTaken(t.Name)
		}
		return t, fmt.Errorf("store: create tag: %w", err)
	}
	return t, tx.tagHistory(ctx, t.ProjectID, t.ID, "create", "", t.Name, by)
}

// Tag finds one tag of the project, for a change to it.
func (tx *Tx) Tag(ctx context.Context, projectID, id int64) (model.Tag, error) {
	var t model.Tag
	err := get(ctx, tx.tx, &t, `SELECT `+tagCols+`, 0 AS note_count FROM tags t WHERE t.id = ? AND t.project_id = ?`, id, projectID)
	if err != nil {
		return t, fmt.Errorf("store: tag %d: %w", id, err)
	}
	return t, nil
}

// TagKey is the form of a tag name that must be unique in a project: tags
// differ by more than case ("Ensomhed" and "ensomhed" are one code).
func TagKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// tagTaken is the answer when a name is in use, whatever its case: a field
// error, so that a form shows it next to the name.
func tagTaken(name string) error {
	return model.Invalid("tag name", model.RuleTaken, "a tag named %q already exists (tags differ by more than case)", name)
}

// TagID finds a tag by name, whatever its case.
func (tx *Tx) TagID(ctx context.Context, projectID int64, name string) (int64, error) {
	var id int64
	err := get(ctx, tx.tx, &id, `SELECT id FROM tags WHERE project_id = ? AND name_key = ?`, projectID, TagKey(name))
	return id, err
}

// TagNames maps tag names, whatever their case, to the names the project's
// codebook spells them with; a name no tag has maps to itself.
func (s *Store) TagNames(ctx context.Context, projectID int64, names []string) ([]string, error) {
	if len(names) == 0 {
		return names, nil
	}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = TagKey(n)
	}
	var rows []struct {
		Key  string `db:"name_key"`
		Name string `db:"name"`
	}
	if err := selIn(ctx, s.db, &rows, `SELECT name_key, name FROM tags WHERE project_id = ? AND name_key IN (?)`, projectID, keys); err != nil {
		return nil, fmt.Errorf("store: tag names: %w", err)
	}
	byKey := make(map[string]string, len(rows))
	for _, r := range rows {
		byKey[r.Key] = r.Name
	}
	out := make([]string, len(names))
	for i, n := range names {
		if c, ok := byKey[keys[i]]; ok {
			out[i] = c
		} else {
			out[i] = n
		}
	}
	return out, nil
}

// EnsureTag returns the id of the tag with this name, creating it if needed.
func (tx *Tx) EnsureTag(ctx context.Context, projectID int64, name string, by int64) (int64, error) {
	name = strings.TrimSpace(name)
	if err := model.TagName(name); err != nil {
		return 0, err
	}
	id, err := tx.TagID(ctx, projectID, name)
	if isNotFound(err) {
		t, err := tx.CreateTag(ctx, model.Tag{ProjectID: projectID, Name: name}, by)
		return t.ID, err
	}
	return id, err
}

// AddRule stores a codebook rule.
func (tx *Tx) AddRule(ctx context.Context, projectID, tagID int64, pattern, match string) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO codebook_rules (project_id, tag_id, pattern, match, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		projectID, tagID, pattern, match, tx.now)
	if err != nil {
		return fmt.Errorf("store: add rule: %w", err)
	}
	return nil
}

// parentInProject refuses a parent tag from another project.
func (tx *Tx) parentInProject(ctx context.Context, t model.Tag) error {
	if t.ParentID == nil {
		return nil
	}
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM tags WHERE id = ? AND project_id = ?`, *t.ParentID, t.ProjectID); err != nil {
		return fmt.Errorf("%w: parent tag %d is not in this project", model.ErrInvalid, *t.ParentID)
	}
	return nil
}

// TagNote puts a tag on a note (idempotent) and queues the note for indexing.
func (tx *Tx) TagNote(ctx context.Context, projectID, noteID, tagID int64, origin string, by int64) error {
	if err := tx.noteInProject(ctx, projectID, noteID); err != nil {
		return err
	}
	_, err := exec(ctx, tx.tx, `INSERT INTO note_tags (note_id, tag_id, origin, created_by, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		noteID, tagID, origin, nullID(by), tx.now)
	if err != nil {
		return fmt.Errorf("store: tag note: %w", err)
	}
	return tx.noteChanged(ctx, projectID, noteID)
}

// UntagNote removes a tag from a note.
func (tx *Tx) UntagNote(ctx context.Context, projectID, noteID int64, tag string) error {
	if err := tx.noteInProject(ctx, projectID, noteID); err != nil {
		return err
	}
	if err := execOne(ctx, tx.tx, "store: untag note", fmt.Errorf("%w: note %d has no tag %q", model.ErrNotFound, noteID, tag),
		`DELETE FROM note_tags WHERE note_id = ? AND tag_id = (SELECT id FROM tags WHERE project_id = ? AND name_key = ?)`, noteID, projectID, TagKey(tag)); err != nil {
		return err
	}
	return tx.noteChanged(ctx, projectID, noteID)
}

func (tx *Tx) noteInProject(ctx context.Context, projectID, noteID int64) error {
	var id int64
	if err := get(ctx, tx.tx, &id, `SELECT id FROM notes WHERE id = ? AND project_id = ?`, noteID, projectID); err != nil {
		return fmt.Errorf("store: note %d: %w", noteID, err)
	}
	return nil
}

// UpdateTag renames a tag or changes its description, colour or parent; a
// rename is kept in the tag history.
func (tx *Tx) UpdateTag(ctx context.Context, t model.Tag, by int64) error {
	if err := t.Validate(); err != nil {
		return err
	}
	var old string
	if err := get(ctx, tx.tx, &old, `SELECT name FROM tags WHERE id = ? AND project_id = ?`, t.ID, t.ProjectID); err != nil {
		return fmt.Errorf("store: tag %d: %w", t.ID, err)
	}
	if t.ParentID != nil && *t.ParentID == t.ID {
		return fmt.Errorf("%w: a tag cannot be its own parent", model.ErrInvalid)
	}
	if err := tx.parentInProject(ctx, t); err != nil {
		return err
	}
	_, err := exec(ctx, tx.tx, `UPDATE tags SET name = ?, name_key = ?, description = ?, color = ?, parent_id = ? WHERE id = ? AND project_id = ?`,
		t.Name, TagKey(t.Name), t.Description, t.Color, t.ParentID, t.ID, t.ProjectID)
	if err != nil {
		if IsConflict(err) {
			return tagTaken(t.Name)
		}
		return fmt.Errorf("store: update tag: %w", err)
	}
	if old != t.Name {
		if err := tx.tagHistory(ctx, t.ProjectID, t.ID, "rename", old, t.Name, by); err != nil {
			return err
		}
		return tx.tagNotesChanged(ctx, t.ProjectID, t.ID)
	}
	return nil
}

// MergeTags moves every use of tag from onto tag into and deletes from.
func (tx *Tx) MergeTags(ctx context.Context, projectID, from, into int64, by int64) error {
	if from == into {
		return fmt.Errorf("%w: cannot merge a tag into itself", model.ErrInvalid)
	}
	var names []string
	q, args, err := in(tx.tx, `SELECT name FROM tags WHERE project_id = ? AND id IN (?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END`, projectID, []int64{from, into}, from)
	if err != nil {
		return err
	}
	if err := sel(ctx, tx.tx, &names, q, args...); err != nil || len(names) != 2 {
		return fmt.Errorf("store: merge tags: %w", model.ErrNotFound)
	}
	if err := tx.tagNotesChanged(ctx, projectID, from); err != nil {
		return err
	}
	stmts := []string{
		`INSERT INTO note_tags (note_id, tag_id, origin, created_by, created_at) SELECT note_id, ?, origin, created_by, created_at FROM note_tags WHERE tag_id = ? ON CONFLICT DO NOTHING`,
		`INSERT INTO insight_tags (insight_id, tag_id) SELECT insight_id, ? FROM insight_tags WHERE tag_id = ? ON CONFLICT DO NOTHING`,
		`UPDATE codebook_rules SET tag_id = ? WHERE tag_id = ? AND pattern NOT IN (SELECT pattern FROM codebook_rules WHERE tag_id = ?)`,
		`UPDATE tags SET parent_id = ? WHERE parent_id = ?`,
		`UPDATE memos SET tag_id = ? WHERE tag_id = ?`,
		`INSERT INTO highlight_tags (highlight_id, tag_id, created_by, created_at) SELECT highlight_id, ?, created_by, created_at FROM highlight_tags WHERE tag_id = ? ON CONFLICT DO NOTHING`,
	}
	for i, st := range stmts {
		args := []any{into, from}
		if i == 2 {
			args = append(args, into)
		}
		if _, err := exec(ctx, tx.tx, st, args...); err != nil {
			return fmt.Errorf("store: merge tags: %w", err)
		}
	}
	if err := tx.tagHistory(ctx, projectID, into, "merge", names[0], names[1], by); err != nil {
		return err
	}
	_, err = exec(ctx, tx.tx, `DELETE FROM tags WHERE id = ? AND project_id = ?`, from, projectID)
	return err
}

func (tx *Tx) tagNotesChanged(ctx context.Context, projectID, tagID int64) error {
	for _, q := range []string{
		`INSERT INTO change_log (project_id, entity, entity_id, op, at) SELECT ?, 'note', note_id, 'upsert', ? FROM note_tags WHERE tag_id = ?`,
		`INSERT INTO change_log (project_id, entity, entity_id, op, at)
			SELECT ?, 'note', h.note_id, 'upsert', ? FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id WHERE ht.tag_id = ?`,
	} {
		if _, err := exec(ctx, tx.tx, q, projectID, tx.now, tagID); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) tagHistory(ctx context.Context, projectID, tagID int64, action, old, new string, by int64) error {
	_, err := exec(ctx, tx.tx, `INSERT INTO tag_history (project_id, tag_id, action, old_name, new_name, by_user, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		projectID, tagID, action, old, new, nullID(by), tx.now)
	if err != nil {
		return fmt.Errorf("store: tag history: %w", err)
	}
	return nil
}

// TagCount is how many notes carry a tag within one source or participant.
type TagCount struct {
	Tag   string `db:"tag" json:"tag"`
	Group string `db:"grp" json:"group"`
	Count int    `db:"n" json:"count"`
}

// TagCounts counts tagged notes per tag and source ("source") or per tag
// and speaker code ("participant"), to show who and where a code comes from.
func (s *Store) TagCounts(ctx context.Context, projectID int64, by string) ([]TagCount, error) {
	group := `s.title || ' (' || CAST(s.id AS TEXT) || ')'`
	if by == "participant" {
		group = `n.speaker`
	} else if by != "source" {
		return nil, fmt.Errorf("%w: count by source or participant, not %q", model.ErrInvalid, by)
	}
	var out []TagCount
	err := sel(ctx, s.db, &out, `SELECT t.name AS tag, `+group+` AS grp, COUNT(*) AS n
		FROM note_tags nt JOIN tags t ON t.id = nt.tag_id JOIN notes n ON n.id = nt.note_id JOIN sources s ON s.id = n.source_id
		WHERE t.project_id = ? GROUP BY t.name, `+group+` ORDER BY t.name, n DESC, grp`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: tag counts: %w", err)
	}
	return out, nil
}

// TagNotes puts each named tag (created if needed) on each note of the
// project by hand.
func (tx *Tx) TagNotes(ctx context.Context, projectID int64, noteIDs []int64, tags []string, by int64) error {
	for _, name := range tags {
		tagID, err := tx.EnsureTag(ctx, projectID, name, by)
		if err != nil {
			return err
		}
		for _, id := range noteIDs {
			if err := tx.TagNote(ctx, projectID, id, tagID, "manual", by); err != nil {
				return err
			}
		}
	}
	return nil
}
