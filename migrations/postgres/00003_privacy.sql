-- +goose Up
-- The finder knows more kinds of personal data than the first four
-- (addresses, birth dates, accounts, plates, third-party names).
ALTER TABLE pseudonym_keys DROP CONSTRAINT pseudonym_keys_kind_check;
ALTER TABLE pseudonym_keys ADD CONSTRAINT pseudonym_keys_kind_check CHECK (length(kind) BETWEEN 1 AND 32);

-- Set when an erasure removed evidence from an insight: its owner must look.
ALTER TABLE insights ADD COLUMN evidence_erased_at TIMESTAMPTZ;

-- Which installation key seals the key table: an HMAC of a fixed text, so
-- that a server started with another key refuses instead of coding the
-- same person twice.
CREATE TABLE installation (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    key_check TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Every change to the change log wakes the indexers of all servers on this
-- database at commit (LISTEN indsigt_changes); polling stays the fallback.
-- +goose StatementBegin
CREATE FUNCTION indsigt_notify_changes() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('indsigt_changes', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER change_log_notify AFTER INSERT ON change_log FOR EACH STATEMENT EXECUTE FUNCTION indsigt_notify_changes();

-- +goose Down
DROP TRIGGER change_log_notify ON change_log;
DROP FUNCTION indsigt_notify_changes();
DROP TABLE installation;
ALTER TABLE insights DROP COLUMN evidence_erased_at;
