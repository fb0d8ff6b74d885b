-- +goose Up
-- Every index records how far it has read the change log (one row per
-- index directory, see store/changelog_trim.go), so that rows every index
-- has passed can be deleted; change_log_trim says how far that went, so an
-- index left behind it is rebuilt instead of missing what was deleted.
CREATE TABLE change_log_readers (
    reader  TEXT PRIMARY KEY CHECK (length(reader) BETWEEN 1 AND 100),
    tx      BIGINT NOT NULL,
    id      BIGINT NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE change_log_trim (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    tx         BIGINT NOT NULL,
    id         BIGINT NOT NULL,
    trimmed_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE change_log_trim, change_log_readers;
