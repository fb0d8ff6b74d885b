-- +goose Up
-- A saved search keeps its facet filters (tags, source kind, participant,
-- phase, date range) beside the query: a JSON object.
ALTER TABLE saved_searches ADD COLUMN filters TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE saved_searches DROP COLUMN filters;
