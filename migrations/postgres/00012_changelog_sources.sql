-- +goose Up
-- An upload writes one change-log row for its source instead of one per
-- note (store.AddNotes): the indexer reads that row as "index every note
-- of the source" (search/indexer.go). Edits, deletes, tags and erasure
-- keep writing one row per note.
ALTER TABLE change_log DROP CONSTRAINT change_log_entity_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_entity_check CHECK (entity IN ('note', 'source'));

-- +goose Down
-- A source's row becomes a row per note it still has, after every row
-- already there: the indexer applies them later, which is as good.
INSERT INTO change_log (project_id, entity, entity_id, op, at)
SELECT c.project_id, 'note', n.id, c.op, c.at
FROM change_log c JOIN notes n ON n.source_id = c.entity_id AND n.project_id = c.project_id
WHERE c.entity = 'source'
ORDER BY c.id, n.position;
DELETE FROM change_log WHERE entity = 'source';
ALTER TABLE change_log DROP CONSTRAINT change_log_entity_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_entity_check CHECK (entity IN ('note'));
