-- +goose Up
-- An upload writes one change-log row for its source instead of one per
-- note (store.AddNotes): the indexer reads that row as "index every note
-- of the source" (search/indexer.go). Edits, deletes, tags and erasure
-- keep writing one row per note.
--
-- SQLite cannot alter a CHECK, so the table is rebuilt. Nothing refers to
-- change_log (no foreign key, no trigger on SQLite). The ids are kept, and
-- so is AUTOINCREMENT's high-water mark: rows trimmed at the top of the
-- log must never have their ids given again, or an index whose checkpoint
-- is past them would skip the new rows.
CREATE TABLE change_log_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tx         INTEGER NOT NULL DEFAULT 0,
    project_id BIGINT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('note', 'source')),
    entity_id  BIGINT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('upsert','delete')),
    at         TIMESTAMP NOT NULL
);
INSERT INTO change_log_new (id, tx, project_id, entity, entity_id, op, at)
SELECT id, tx, project_id, entity, entity_id, op, at FROM change_log ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'change_log_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log_new', seq FROM sqlite_sequence WHERE name = 'change_log';
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;
CREATE INDEX change_log_order ON change_log(tx, id);

-- +goose Down
-- A source's row becomes a row per note it still has, after every row
-- already there: the indexer applies them later, which is as good.
CREATE TABLE change_log_old (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tx         INTEGER NOT NULL DEFAULT 0,
    project_id BIGINT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('note')),
    entity_id  BIGINT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('upsert','delete')),
    at         TIMESTAMP NOT NULL
);
INSERT INTO change_log_old (id, tx, project_id, entity, entity_id, op, at)
SELECT id, tx, project_id, entity, entity_id, op, at FROM change_log WHERE entity = 'note' ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'change_log_old';
INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log_old', seq FROM sqlite_sequence WHERE name = 'change_log';
INSERT INTO change_log_old (project_id, entity, entity_id, op, at)
SELECT c.project_id, 'note', n.id, c.op, c.at
FROM change_log c JOIN notes n ON n.source_id = c.entity_id AND n.project_id = c.project_id
WHERE c.entity = 'source'
ORDER BY c.id, n.position;
DROP TABLE change_log;
ALTER TABLE change_log_old RENAME TO change_log;
CREATE INDEX change_log_order ON change_log(tx, id);
