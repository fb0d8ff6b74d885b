-- +goose Up
-- "Står stille" per phase and per project: the days after which an insight
-- counts as standing still in Opdag/forstå, in Skab/test, and without a new
-- measurement in Virk/effekt. The defaults are the thresholds every project
-- had before (30, 60, 90); the project's owner changes them.
ALTER TABLE projects ADD COLUMN stale_opdag_days INTEGER NOT NULL DEFAULT 30 CHECK (stale_opdag_days BETWEEN 1 AND 3650);
ALTER TABLE projects ADD COLUMN stale_skab_days INTEGER NOT NULL DEFAULT 60 CHECK (stale_skab_days BETWEEN 1 AND 3650);
ALTER TABLE projects ADD COLUMN stale_virk_days INTEGER NOT NULL DEFAULT 90 CHECK (stale_virk_days BETWEEN 1 AND 3650);

-- +goose Down
ALTER TABLE projects DROP COLUMN stale_virk_days;
ALTER TABLE projects DROP COLUMN stale_skab_days;
ALTER TABLE projects DROP COLUMN stale_opdag_days;
