-- A submission page lists its run's artifacts; without this every view reads the whole table.
CREATE INDEX IF NOT EXISTS web_artifacts_by_run ON artifacts (run_id);
