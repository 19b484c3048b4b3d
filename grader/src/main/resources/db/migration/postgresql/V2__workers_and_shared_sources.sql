-- Workers announce themselves here (faultline worker, serve, batch): which host and process, which sandbox,
-- when they started and were last seen alive, and when they stopped (NULL while running).
CREATE TABLE workers (
    name       TEXT    PRIMARY KEY,
    host       TEXT    NOT NULL,
    pid        BIGINT  NOT NULL,
    sandbox    TEXT    NOT NULL,
    started_at BIGINT  NOT NULL,
    seen_at    BIGINT  NOT NULL,
    stopped_at BIGINT
);

-- Submissions' sources (the content store's canonical tar) for workers on other hosts, which do not share the
-- data folder: a worker that lacks a submission's file takes it from here, checked against its hash.
CREATE TABLE shared_sources (
    content_hash TEXT  PRIMARY KEY,
    tar          BYTEA NOT NULL
);

-- Small artifacts (traces, results) of runs graded on a worker host, by their path under that host's data folder,
-- so the dashboard can draw a trace it has no file of.
CREATE TABLE shared_artifacts (
    path    TEXT  PRIMARY KEY,
    content BYTEA NOT NULL
);
