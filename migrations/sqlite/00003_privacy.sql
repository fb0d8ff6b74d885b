-- +goose Up
-- The finder knows more kinds of personal data than the first four
-- (addresses, birth dates, accounts, plates, third-party names).
CREATE TABLE pseudonym_keys_v2 (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id     BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    value_hash     TEXT NOT NULL,
    value          TEXT NOT NULL,
    pseudonym      TEXT NOT NULL,
    participant_id BIGINT REFERENCES participants(id) ON DELETE CASCADE,
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (project_id, kind, value_hash)
);
INSERT INTO pseudonym_keys_v2 SELECT id, project_id, kind, value_hash, value, pseudonym, participant_id, created_at FROM pseudonym_keys;
DROP TABLE pseudonym_keys;
ALTER TABLE pseudonym_keys_v2 RENAME TO pseudonym_keys;

-- Set when an erasure removed evidence from an insight: its owner must look.
ALTER TABLE insights ADD COLUMN evidence_erased_at TIMESTAMP;

-- Which installation key seals the key table: an HMAC of a fixed text, so
-- that a server started with another key refuses instead of coding the
-- same person twice.
CREATE TABLE installation (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    key_check TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE installation;
ALTER TABLE insights DROP COLUMN evidence_erased_at;
