-- The queue's wait estimate reads the most recently finished jobs; without this it sorts every job.
CREATE INDEX IF NOT EXISTS web_jobs_by_finish ON grading_jobs (state, finished_at);
