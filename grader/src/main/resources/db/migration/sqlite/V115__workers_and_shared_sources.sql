-- Workers announce themselves here (faultline worker, serve, batch): which host and process, which sandbox,
-- when they started and were last seen alive, and when they stopped (NULL while running).
CREATE TABLE workers (
    name       TEXT    PRIMARY KEY,
    host       TEXT    NOT NULL,
    pid        INTEGER NOT NULL,
    sandbox    TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL,
    stopped_at INTEGER
);

-- Submissions' sources (the content store's canonical tar) for workers on other hosts, which do not share the
-- data folder. Written only when the database is shared (PostgreSQL); on SQLite the data folder holds them.
CREATE TABLE shared_sources (
    content_hash TEXT PRIMARY KEY,
    tar          BLOB NOT NULL
);

-- Small artifacts (traces, results) of runs graded on another host, by their path under that host's data folder,
-- so the dashboard can draw a trace it has no file of. Written only when the database is shared.
CREATE TABLE shared_artifacts (
    path    TEXT PRIMARY KEY,
    content BLOB NOT NULL
);
