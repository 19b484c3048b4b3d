package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read queries for pages, each one statement so a page costs a handful of round trips whatever its size. */
@RegisterConstructorMapper(SubmissionLine.class)
@RegisterConstructorMapper(QueuedJob.class)
@RegisterConstructorMapper(LabCell.class)
@RegisterConstructorMapper(TestPassRate.class)
@RegisterConstructorMapper(GradedTest.class)
@RegisterConstructorMapper(TestResultRow.class)
public interface RecordQueries {

    /** The latest job of each submission, and its final run when it has one. */
    String SUBMISSION_LINE = "SELECT s.id, s.user_id, u.login, s.lab, s.received_at, s.late_days, s.late_status, "
            + "j.state AS job_state, r.verdict, r.raw_points, r.max_points FROM submissions s "
            + "JOIN users u ON u.id = s.user_id "
            + "LEFT JOIN grading_jobs j ON j.id = (SELECT MAX(j2.id) FROM grading_jobs j2 WHERE j2.submission_id = s.id) "
            + "LEFT JOIN runs r ON r.id = j.final_run_id ";

    @SqlQuery(SUBMISSION_LINE + "WHERE s.user_id = :userId ORDER BY s.received_at DESC, s.id DESC")
    List<SubmissionLine> submissionsOf(@Bind("userId") long userId);

    @SqlQuery(SUBMISSION_LINE + "WHERE s.id = :id")
    Optional<SubmissionLine> submission(@Bind("id") long id);

    /** The tests of each of a student's submissions, from the same run {@link #submissionsOf} shows points of. */
    @SqlQuery("SELECT DISTINCT s.id AS submission_id, t.test_id, t.category FROM submissions s "
            + "JOIN grading_jobs j ON j.id = (SELECT MAX(j2.id) FROM grading_jobs j2 WHERE j2.submission_id = s.id) "
            + "JOIN test_results t ON t.run_id = j.final_run_id WHERE s.user_id = :userId "
            + "ORDER BY s.id, t.test_id, t.category")
    List<GradedTest> testsOfSubmissionsOf(@Bind("userId") long userId);

    @SqlQuery("SELECT DISTINCT r.submission_id, t.test_id, t.category FROM test_results t "
            + "JOIN runs r ON r.id = t.run_id WHERE t.run_id = :runId ORDER BY t.test_id, t.category")
    List<GradedTest> testsOfRun(@Bind("runId") long runId);

    /** The queued jobs as urgent as {@code priority} or more, each with its student's last lease (0: never). */
    @SqlQuery("SELECT j.id AS job_id, j.priority, s.user_id, j.enqueued_at, " + JobDao.LAST_LEASED + " AS last_leased "
            + "FROM grading_jobs j JOIN submissions s ON s.id = j.submission_id "
            + "WHERE j.state = 'QUEUED' AND j.priority <= :priority")
    @RegisterConstructorMapper(QueuedTurn.class)
    List<QueuedTurn> queuedTurns(@Bind("priority") int priority);

    /** How long recent jobs took from lease to result, newest first. */
    @SqlQuery("SELECT finished_at - started_at FROM grading_jobs WHERE state = 'DONE' AND started_at IS NOT NULL "
            + "AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT :n")
    List<Long> recentDurationsMillis(@Bind("n") int n);

    String QUEUED_JOB = "SELECT j.id, j.submission_id, u.login, s.lab, j.reason, j.state, j.attempts, j.lease_owner, "
            + "j.enqueued_at, j.started_at, j.finished_at, r.verdict, r.message FROM grading_jobs j "
            + "JOIN submissions s ON s.id = j.submission_id JOIN users u ON u.id = s.user_id "
            + "LEFT JOIN runs r ON r.id = j.final_run_id ";

    @SqlQuery(QUEUED_JOB + "WHERE j.state = :state ORDER BY j.priority, j.enqueued_at, j.id LIMIT :limit")
    List<QueuedJob> jobsIn(@Bind("state") String state, @Bind("limit") int limit);

    @SqlQuery(QUEUED_JOB + "WHERE j.id IN (<ids>)")
    List<QueuedJob> jobs(@BindList("ids") List<Long> ids);

    @SqlQuery(QUEUED_JOB + "WHERE j.state IN ('DONE', 'FAILED') ORDER BY j.finished_at DESC LIMIT :limit")
    List<QueuedJob> recentlyFinished(@Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM grading_jobs WHERE state = :state")
    int countIn(@Bind("state") String state);

    /** Per student and lab: submission count, best and latest graded fraction of points. */
    @SqlQuery("WITH graded AS (SELECT s.id, s.user_id, s.lab, s.late_days, "
            + "  (SELECT CASE WHEN r.max_points > 0 THEN r.raw_points / r.max_points ELSE 0 END "
            + "   FROM grading_jobs j JOIN runs r ON r.id = j.final_run_id "
            + "   WHERE j.submission_id = s.id AND r.verdict <> 'PLATFORM_ERROR' ORDER BY j.id DESC LIMIT 1) AS fraction, "
            + "  ROW_NUMBER() OVER (PARTITION BY s.user_id, s.lab ORDER BY s.received_at DESC, s.id DESC) AS newest "
            + "  FROM submissions s) "
            + "SELECT user_id, lab, COUNT(*) AS submissions, COALESCE(MAX(fraction), -1) AS best_fraction, "
            + "COALESCE(MAX(CASE WHEN newest = 1 THEN fraction END), -1) AS latest_fraction, "
            + "MAX(CASE WHEN newest = 1 THEN late_days ELSE 0 END) AS latest_late_days "
            + "FROM graded GROUP BY user_id, lab")
    List<LabCell> labCells();

    @SqlQuery("SELECT t.test_id, MIN(t.method) AS name, MIN(t.description) AS description, "
            + "SUM(CASE WHEN t.status = 'PASSED' THEN 1 ELSE 0 END) AS passed, "
            + "SUM(CASE WHEN t.status = 'SKIPPED' THEN 0 ELSE 1 END) AS ran "
            + "FROM test_results t JOIN runs r ON r.id = t.run_id JOIN submissions s ON s.id = r.submission_id "
            + "WHERE s.lab = :lab AND r.is_final = TRUE GROUP BY t.test_id ORDER BY MIN(t.id)")
    List<TestPassRate> passRates(@Bind("lab") String lab);

    @SqlQuery("SELECT * FROM test_results WHERE id = :id")
    Optional<TestResultRow> testResult(@Bind("id") long id);

    @SqlQuery("SELECT MAX(at) FROM audit_log")
    Optional<Instant> lastAudit();
}
