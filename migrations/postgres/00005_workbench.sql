-- +goose Up
-- Tags are unique per project whatever their case: "Ensomhed" and
-- "ensomhed" are one code. name_key is the lower-cased name, kept by the
-- store (Go's Unicode lower-casing) and here filled the same way for the
-- names already there. Duplicates are merged into the oldest tag first:
-- their notes, insights, rules, children and memos move, and the notes
-- are queued for the indexer.
ALTER TABLE tags ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE tags SET name_key = lower(name);

INSERT INTO change_log (project_id, entity, entity_id, op, at)
SELECT DISTINCT t.project_id, 'note', nt.note_id, 'upsert', CURRENT_TIMESTAMP FROM note_tags nt JOIN tags t ON t.id = nt.tag_id
WHERE t.id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key);

INSERT INTO note_tags (note_id, tag_id, origin, created_by, created_at)
SELECT nt.note_id, (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key), nt.origin, nt.created_by, nt.created_at
FROM note_tags nt JOIN tags t ON t.id = nt.tag_id
WHERE t.id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key)
ON CONFLICT DO NOTHING;

INSERT INTO insight_tags (insight_id, tag_id)
SELECT it.insight_id, (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key)
FROM insight_tags it JOIN tags t ON t.id = it.tag_id
WHERE t.id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key)
ON CONFLICT DO NOTHING;

INSERT INTO codebook_rules (project_id, tag_id, pattern, match, created_at)
SELECT r.project_id, (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key), r.pattern, r.match, r.created_at
FROM codebook_rules r JOIN tags t ON t.id = r.tag_id
WHERE t.id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key)
ON CONFLICT DO NOTHING;

UPDATE tags SET parent_id = (SELECT MIN(m.id) FROM tags m JOIN tags p ON p.project_id = m.project_id AND p.name_key = m.name_key WHERE p.id = tags.parent_id)
WHERE parent_id IS NOT NULL;
UPDATE tags SET parent_id = NULL WHERE parent_id = id;

INSERT INTO tag_history (project_id, tag_id, action, old_name, new_name, at)
SELECT t.project_id, (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key), 'merge', t.name,
       (SELECT k.name FROM tags k WHERE k.id = (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key)), CURRENT_TIMESTAMP
FROM tags t WHERE t.id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = t.project_id AND m.name_key = t.name_key);

DELETE FROM tags WHERE id > (SELECT MIN(m.id) FROM tags m WHERE m.project_id = tags.project_id AND m.name_key = tags.name_key);
CREATE UNIQUE INDEX tags_name_key ON tags(project_id, name_key);

-- Memos: a researcher's free text on a source, a note, a code or an
-- insight. Exactly one target column is set; each cascades, so that
-- erasing a note or a source erases the memos written on it.
CREATE TABLE memos (
    id         BIGSERIAL PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    source_id  BIGINT REFERENCES sources(id) ON DELETE CASCADE,
    note_id    BIGINT REFERENCES notes(id) ON DELETE CASCADE,
    tag_id     BIGINT REFERENCES tags(id) ON DELETE CASCADE,
    insight_id BIGINT REFERENCES insights(id) ON DELETE CASCADE,
    body       TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((CASE WHEN source_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN note_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN tag_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN insight_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE INDEX memos_project ON memos(project_id, id);
CREATE INDEX memos_source ON memos(source_id);
CREATE INDEX memos_note ON memos(note_id);
CREATE INDEX memos_tag ON memos(tag_id);
CREATE INDEX memos_insight ON memos(insight_id);

-- +goose Down
DROP TABLE memos;
DROP INDEX tags_name_key;
ALTER TABLE tags DROP COLUMN name_key;
