-- +goose Up
-- A note's other columns from a table upload (age, place, a per-row date,
-- the participant), pseudonymized like its text: a JSON object.
ALTER TABLE notes ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE notes DROP COLUMN fields;
