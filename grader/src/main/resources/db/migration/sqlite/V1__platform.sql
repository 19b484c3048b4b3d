-- The grader's tables. Times are epoch milliseconds (UTC). The web module adds its own tables
-- from db/migration/web with versions V100 and up.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL CHECK (role IN ('STUDENT', 'TA', 'INSTRUCTOR')),
    password_hash TEXT,
    created_at    INTEGER NOT NULL
);

CREATE TABLE labs (
    name        TEXT    PRIMARY KEY,
    number      INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    points      INTEGER NOT NULL,
    release_at  INTEGER NOT NULL,
    due_at      INTEGER NOT NULL,
    hard_end_at INTEGER NOT NULL
);

CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    lab          TEXT    NOT NULL REFERENCES labs (name),
    received_at  INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    file_count   INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    late_days    INTEGER NOT NULL DEFAULT 0,
    late_status  TEXT    NOT NULL CHECK (late_status IN ('ON_TIME', 'LATE', 'AFTER_HARD_END'))
);
CREATE INDEX submissions_by_student_lab ON submissions (user_id, lab, received_at);

-- One row per request to grade a submission. A job is claimed under a lease that its worker
-- keeps alive with heartbeats; final_run_id is set once, by the lease holder, when the job ends.
CREATE TABLE grading_jobs (
    id               INTEGER PRIMARY KEY,
    submission_id    INTEGER NOT NULL REFERENCES submissions (id),
    reason           TEXT    NOT NULL CHECK (reason IN ('SUBMISSION', 'REGRADE')),
    priority         INTEGER NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    heartbeat_at     INTEGER,
    enqueued_at      INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    final_run_id     INTEGER UNIQUE REFERENCES runs (id),
    CHECK ((state IN ('DONE', 'FAILED')) = (final_run_id IS NOT NULL)),
    CHECK ((state = 'RUNNING') = (lease_owner IS NOT NULL))
);
CREATE INDEX grading_jobs_claim_order ON grading_jobs (state, priority, enqueued_at, id);

-- One row per grading attempt; only one of a job's runs can be its final result.
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES grading_jobs (id),
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    attempt       INTEGER NOT NULL,
    worker        TEXT    NOT NULL,
    sandbox_kind  TEXT,
    verdict       TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    is_final      INTEGER NOT NULL CHECK (is_final IN (0, 1)),
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER NOT NULL,
    elapsed_ms    INTEGER NOT NULL,
    phases        TEXT    NOT NULL,
    raw_points    REAL    NOT NULL,
    max_points    REAL    NOT NULL,
    log           TEXT    NOT NULL,
    log_truncated INTEGER NOT NULL
);
CREATE UNIQUE INDEX runs_one_final_per_job ON runs (job_id) WHERE is_final = 1;
CREATE INDEX runs_by_submission ON runs (submission_id);

CREATE TABLE test_results (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES runs (id),
    test_id          TEXT    NOT NULL,
    class_name       TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    max_points       INTEGER NOT NULL,
    seed             INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    duration_ms      INTEGER NOT NULL,
    message          TEXT    NOT NULL,
    replay           TEXT    NOT NULL,
    output           TEXT    NOT NULL,
    output_truncated INTEGER NOT NULL,
    trace_file       TEXT,
    UNIQUE (run_id, test_id, seed)
);

CREATE TABLE artifacts (
    id     INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    kind   TEXT    NOT NULL CHECK (kind IN ('FULL_LOG', 'RESULTS', 'TRACE', 'OTHER')),
    path   TEXT    NOT NULL,
    bytes  INTEGER NOT NULL
);

-- A student's grade for a lab. A new row is added whenever it changes; the one it replaces stays,
-- with current = 0, so every earlier score can be shown.
CREATE TABLE scores (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    lab            TEXT    NOT NULL REFERENCES labs (name),
    submission_id  INTEGER NOT NULL REFERENCES submissions (id),
    run_id         INTEGER NOT NULL REFERENCES runs (id),
    raw_points     REAL    NOT NULL,
    max_points     REAL    NOT NULL,
    late_days      INTEGER NOT NULL,
    grace_days     INTEGER NOT NULL,
    penalty_pct    REAL    NOT NULL,
    points         REAL    NOT NULL,
    lab_points     REAL    NOT NULL,
    policy         TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    computed_at    INTEGER NOT NULL,
    current        INTEGER NOT NULL CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX scores_one_current ON scores (user_id, lab) WHERE current = 1;

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    detail  TEXT    NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: rows cannot be changed.');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: rows cannot be deleted.');
END;
