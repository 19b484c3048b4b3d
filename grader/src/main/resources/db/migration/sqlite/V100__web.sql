-- The dashboard's tables. Times are epoch milliseconds (UTC), as in the grader's tables.

-- Signed-in browsers. The cookie holds a random secret; only its SHA-256 is stored, so a copy of the
-- database does not let anyone act as a signed-in user. Each session has its own CSRF token.
CREATE TABLE web_sessions (
    secret_hash TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);

-- Tokens for `faultline submit`; like sessions, only the hash is kept.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    label        TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

-- Sign-in attempts, for throttling per login and per address.
CREATE TABLE login_attempts (
    id        INTEGER PRIMARY KEY,
    login     TEXT    NOT NULL,
    ip        TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_by_login ON login_attempts (login, at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, at);

-- Labs whose after_published results the instructor has released to students.
CREATE TABLE published_labs (
    lab          TEXT    PRIMARY KEY REFERENCES labs (name),
    published_at INTEGER NOT NULL,
    published_by TEXT    NOT NULL
);

-- The dashboard looks jobs up by submission on every submission page.
CREATE INDEX IF NOT EXISTS web_jobs_by_submission ON grading_jobs (submission_id);
CREATE INDEX IF NOT EXISTS web_scores_by_lab ON scores (lab, current);
