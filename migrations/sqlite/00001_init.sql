-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 320),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role          TEXT NOT NULL CHECK (role IN ('admin','designer','lead','analyst')),
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE TABLE projects (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    slug           TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    purpose        TEXT NOT NULL DEFAULT '',
    retention_days INTEGER NOT NULL DEFAULT 0 CHECK (retention_days >= 0),
    created_by     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE project_members (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('admin','designer','lead','analyst')),
    owner      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members(user_id);

CREATE TABLE participants (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, code)
);

-- The key from pseudonym to real value. Kept apart from the notes so that
-- nothing but this table (readable by admins only) holds personal data.
CREATE TABLE pseudonym_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id     BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('cpr','phone','email','name')),
    value_hash     TEXT NOT NULL,
    value          TEXT NOT NULL,
    pseudonym      TEXT NOT NULL,
    participant_id BIGINT REFERENCES participants(id) ON DELETE CASCADE,
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (project_id, kind, value_hash)
);

CREATE TABLE tests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    insight_id   BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    hypothesis   TEXT NOT NULL DEFAULT '',
    method       TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    result       TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('confirmed','refuted','open')),
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('interview','observation','workshop','test')),
    title        TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    occurred_on  TIMESTAMP,
    place        TEXT NOT NULL DEFAULT '',
    interviewer  TEXT NOT NULL DEFAULT '',
    test_id      BIGINT REFERENCES tests(id) ON DELETE SET NULL,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (project_id, content_hash)
);

CREATE TABLE source_participants (
    source_id      BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, participant_id)
);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    source_id    BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    speaker      TEXT NOT NULL DEFAULT '',
    speaker_role TEXT NOT NULL DEFAULT '' CHECK (speaker_role IN ('','interviewer','participant')),
    text         TEXT NOT NULL CHECK (length(text) > 0),
    start_ms     BIGINT,
    end_ms       BIGINT,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (source_id, position)
);
CREATE INDEX notes_project ON notes(project_id, id);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    parent_id   BIGINT REFERENCES tags(id) ON DELETE SET NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE tag_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    tag_id     BIGINT REFERENCES tags(id) ON DELETE SET NULL,
    action     TEXT NOT NULL CHECK (action IN ('create','rename','merge','delete')),
    old_name   TEXT NOT NULL DEFAULT '',
    new_name   TEXT NOT NULL DEFAULT '',
    by_user    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at         TIMESTAMP NOT NULL
);

CREATE TABLE note_tags (
    note_id    BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    origin     TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual','rule')),
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (note_id, tag_id)
);
CREATE INDEX note_tags_tag ON note_tags(tag_id);

CREATE TABLE codebook_rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    pattern    TEXT NOT NULL CHECK (length(pattern) BETWEEN 1 AND 200),
    match      TEXT NOT NULL CHECK (match IN ('phrase','stem')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, tag_id, pattern)
);

CREATE TABLE insights (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id       BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    statement        TEXT NOT NULL DEFAULT '',
    phase            TEXT NOT NULL CHECK (phase IN ('opdag','skab','virk')),
    phase_changed_at TIMESTAMP NOT NULL,
    created_by       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE evidence (
    insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    note_id    BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    stance     TEXT NOT NULL CHECK (stance IN ('supports','contradicts')),
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (insight_id, note_id)
);
CREATE INDEX evidence_note ON evidence(note_id);

CREATE TABLE insight_tags (
    insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (insight_id, tag_id)
);

CREATE TABLE phase_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    from_phase TEXT CHECK (from_phase IN ('opdag','skab','virk')),
    to_phase   TEXT NOT NULL CHECK (to_phase IN ('opdag','skab','virk')),
    reason     TEXT NOT NULL DEFAULT '',
    by_user    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at         TIMESTAMP NOT NULL,
    CHECK (from_phase IS NULL OR from_phase <> to_phase)
);
CREATE INDEX phase_events_insight ON phase_events(insight_id, at);

CREATE TABLE indicators (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    insight_id BIGINT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    unit       TEXT NOT NULL DEFAULT '',
    direction  TEXT NOT NULL CHECK (direction IN ('up','down')),
    baseline   REAL NOT NULL,
    target     REAL NOT NULL,
    start_date TIMESTAMP,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE measurements (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    value        REAL NOT NULL,
    measured_at  TIMESTAMP NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX measurements_indicator ON measurements(indicator_id, measured_at);

CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    query      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, user_id, name)
);

-- Who read, searched, exported or changed what. Never the note text itself.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TIMESTAMP NOT NULL,
    user_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    project_id BIGINT REFERENCES projects(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    object     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_project ON audit_log(project_id, at);

-- The outbox the search indexer follows. SQLite has one writer at a time, so
-- ids commit in order and tx stays 0; it exists so both dialects share queries.
CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tx         INTEGER NOT NULL DEFAULT 0,
    project_id BIGINT NOT NULL,
    entity     TEXT NOT NULL CHECK (entity IN ('note')),
    entity_id  BIGINT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('upsert','delete')),
    at         TIMESTAMP NOT NULL
);
CREATE INDEX change_log_order ON change_log(tx, id);

-- +goose Down
DROP TABLE change_log;
DROP TABLE audit_log;
DROP TABLE saved_searches;
DROP TABLE measurements;
DROP TABLE indicators;
DROP TABLE phase_events;
DROP TABLE insight_tags;
DROP TABLE evidence;
DROP TABLE codebook_rules;
DROP TABLE note_tags;
DROP TABLE tag_history;
DROP TABLE notes;
DROP TABLE source_participants;
DROP TABLE sources;
DROP TABLE tests;
DROP TABLE insights;
DROP TABLE tags;
DROP TABLE pseudonym_keys;
DROP TABLE participants;
DROP TABLE project_members;
DROP TABLE projects;
DROP TABLE sessions;
DROP TABLE api_tokens;
DROP TABLE users;
