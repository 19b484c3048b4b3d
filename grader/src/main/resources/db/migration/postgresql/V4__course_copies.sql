-- A submission's changed copies of the course's files (replaced by the course's at grading) and its own classes
-- named like the course's graded public tests (left out), one path a line, so its page can tell the student.
ALTER TABLE submissions ADD COLUMN replaced_course_files TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN left_out_files TEXT NOT NULL DEFAULT '';
