-- +goose Up
-- Pseudonyms are looked up by code within a project: a code's participant
-- when a suspected span is sealed, a code's original. Without this index
-- each such look-up read every key of the project, and an upload seals
-- its suspects' spans by their codes.
CREATE INDEX pseudonym_keys_code ON pseudonym_keys(project_id, pseudonym);

-- +goose Down
DROP INDEX pseudonym_keys_code;
