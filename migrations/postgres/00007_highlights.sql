-- +goose Up
-- Highlights: a coded span of a note's text (a coded segment, REFI-QDA's
-- PlainTextSelection). start_at and end_at count characters (Unicode code
-- points) of the note's stored, pseudonymized text, end exclusive; quote is
-- the span's text when it was last placed, so that a change of the note's
-- text (a redaction, a restore) can move the offsets and check them.
CREATE TABLE highlights (
    id         BIGSERIAL PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    note_id    BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    start_at   INTEGER NOT NULL CHECK (start_at >= 0),
    end_at     INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX highlights_project ON highlights(project_id, id);
CREATE INDEX highlights_note ON highlights(note_id);

CREATE TABLE highlight_tags (
    highlight_id BIGINT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
    tag_id       BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (highlight_id, tag_id)
);
CREATE INDEX highlight_tags_tag ON highlight_tags(tag_id);

-- Evidence can be a span of its note: the insight cites the highlight.
ALTER TABLE evidence ADD COLUMN highlight_id BIGINT REFERENCES highlights(id) ON DELETE SET NULL;

-- A memo on a highlight also names the highlight's note, so that the
-- one-target check holds and erasing the note erases the memo.
ALTER TABLE memos ADD COLUMN highlight_id BIGINT REFERENCES highlights(id) ON DELETE CASCADE;
CREATE INDEX memos_highlight ON memos(highlight_id);

-- +goose Down
DROP INDEX memos_highlight;
ALTER TABLE memos DROP COLUMN highlight_id;
ALTER TABLE evidence DROP COLUMN highlight_id;
DROP TABLE highlight_tags;
DROP TABLE highlights;
