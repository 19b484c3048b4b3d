-- Calibration: a worker grades each lab's reference before it leases jobs, and again when the lab's hidden suite
-- changes (a new suite digest). These runs are not submissions: they are never scored, charged or listed on the
-- scoreboard, so they live in their own tables.
CREATE TABLE calibrations (
    id           INTEGER PRIMARY KEY,
    worker       TEXT    NOT NULL,
    host         TEXT    NOT NULL,
    lab          TEXT    NOT NULL,
    suite_digest TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    verdict      TEXT    NOT NULL,
    message      TEXT    NOT NULL
);
CREATE INDEX calibrations_by_lab ON calibrations (lab, suite_digest, worker);

-- Each test on each seed of a calibration run, with the failure message when the reference failed it.
CREATE TABLE calibration_results (
    id             INTEGER PRIMARY KEY,
    calibration_id INTEGER NOT NULL REFERENCES calibrations (id),
    test_id        TEXT    NOT NULL,
    seed           INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    message        TEXT    NOT NULL
);
CREATE INDEX calibration_results_by_run ON calibration_results (calibration_id);

-- A hidden test the reference failed on some seed, for one suite digest: flagged until staff decide. decision is
-- NULL (undecided: failures not counted), 'COUNT' (the test is sound) or 'NEVER' (excused for this suite digest).
CREATE TABLE flagged_tests (
    lab            TEXT    NOT NULL,
    suite_digest   TEXT    NOT NULL,
    test_id        TEXT    NOT NULL,
    calibration_id INTEGER NOT NULL REFERENCES calibrations (id),
    flagged_at     INTEGER NOT NULL,
    decision       TEXT    CHECK (decision IN ('COUNT', 'NEVER')),
    decided_by     TEXT,
    decided_at     INTEGER,
    PRIMARY KEY (lab, suite_digest, test_id)
);

-- Out of rotation: the reason in words while a worker may not lease jobs (NULL: in rotation), and when staff last
-- put it back (a later re-check of peers' figures leaves a worker staff returned alone until it calibrates again).
ALTER TABLE workers ADD COLUMN out_of_rotation TEXT;
ALTER TABLE workers ADD COLUMN out_since INTEGER;
ALTER TABLE workers ADD COLUMN returned_at INTEGER;

-- The suite digest a run was graded with, so a flag on a test applies to the runs of that suite only.
ALTER TABLE runs ADD COLUMN suite_digest TEXT;
