-- +goose Up
-- Matches of the personal-data finder below pii.ReviewBelow, replaced like
-- every other, listed per source for a person to review ("Mistænkte
-- personoplysninger"). A row names the code and where it stood in the
-- stored (pseudonymized) text, never the original: the text the code
-- replaced is sealed in pseudonym_keys (kind 'span', pseudonym
-- 'span:<code>'), since it may be less than the code's value ("Skov" for
-- "Anne Skov"), and key_id points to it.
CREATE TABLE pii_review (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    source_id   BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    note_id     BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    pseudonym   TEXT NOT NULL,
    key_id      BIGINT NOT NULL REFERENCES pseudonym_keys(id) ON DELETE CASCADE,
    confidence  DOUBLE PRECISION NOT NULL,
    start_off   INTEGER NOT NULL CHECK (start_off >= 0),
    end_off     INTEGER NOT NULL CHECK (end_off >= start_off),
    resolution  TEXT NOT NULL DEFAULT '' CHECK (resolution IN ('', 'restored', 'kept')),
    resolved_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    resolved_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pii_review_source ON pii_review(source_id, id);
CREATE INDEX pii_review_note ON pii_review(note_id);

-- +goose Down
DROP TABLE pii_review;
