-- Code similarity: a run compares every student's counted submission of a lab (and, when asked, a folder of earlier
-- solutions) with JPlag, the lab's skeleton as base code. Runs are for staff only; nothing here is shown to students.
CREATE TABLE similarity_runs (
    id            INTEGER PRIMARY KEY,
    lab           TEXT    NOT NULL,
    which         TEXT    NOT NULL CHECK (which IN ('LATEST', 'BEST')),
    min_percent   REAL    NOT NULL,
    compared_with TEXT    NOT NULL,
    requested_by  TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    state         TEXT    NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    phase         TEXT    NOT NULL,
    done          INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    submissions   INTEGER NOT NULL,
    comparisons   INTEGER NOT NULL,
    message       TEXT    NOT NULL
);
CREATE INDEX similarity_runs_by_lab ON similarity_runs (lab, id);

-- The pairs of a run at or above its minimum, ranked (1 = most similar). A side is a student (login and the
-- submission compared) or an earlier solution (its folder's name, no submission).
CREATE TABLE similarity_pairs (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES similarity_runs (id),
    rank              INTEGER NOT NULL,
    first_name        TEXT    NOT NULL,
    first_submission  INTEGER REFERENCES submissions (id),
    second_name       TEXT    NOT NULL,
    second_submission INTEGER REFERENCES submissions (id),
    percent           REAL    NOT NULL,
    matched_tokens    INTEGER NOT NULL,
    UNIQUE (run_id, rank)
);

-- The matched regions of a pair: lines (1-based, inclusive) of a file on each side.
CREATE TABLE similarity_matches (
    pair_id      INTEGER NOT NULL REFERENCES similarity_pairs (id),
    ordinal      INTEGER NOT NULL,
    first_file   TEXT    NOT NULL,
    first_start  INTEGER NOT NULL,
    first_end    INTEGER NOT NULL,
    second_file  TEXT    NOT NULL,
    second_start INTEGER NOT NULL,
    second_end   INTEGER NOT NULL,
    tokens       INTEGER NOT NULL,
    PRIMARY KEY (pair_id, ordinal)
);

-- The compared files of every side that appears in a stored pair, as JPlag read them (the course's provided files
-- left out), so the pair view shows what was compared on any host and earlier solutions need not stay on disk.
CREATE TABLE similarity_files (
    run_id INTEGER NOT NULL REFERENCES similarity_runs (id),
    name   TEXT    NOT NULL,
    path   TEXT    NOT NULL,
    text   TEXT    NOT NULL,
    PRIMARY KEY (run_id, name, path)
);
