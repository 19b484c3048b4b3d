package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Calibration runs, their per-seed outcomes, and the tests they flagged. Never joined to submissions or scores. */
@RegisterConstructorMapper(CalibrationRow.class)
@RegisterConstructorMapper(CalibrationResultRow.class)
@RegisterConstructorMapper(FlaggedTestRow.class)
public interface CalibrationDao {

    @SqlUpdate("INSERT INTO calibrations (worker, host, lab, suite_digest, started_at, finished_at, elapsed_ms, "
            + "verdict, message) VALUES (:worker, :host, :lab, :digest, :startedAt, :finishedAt, :elapsedMs, :verdict, :message)")
    @GetGeneratedKeys("id")
    long insert(@Bind("worker") String worker, @Bind("host") String host, @Bind("lab") String lab,
                @Bind("digest") String digest, @Bind("startedAt") Instant startedAt,
                @Bind("finishedAt") Instant finishedAt, @Bind("elapsedMs") long elapsedMs,
                @Bind("verdict") Verdict verdict, @Bind("message") String message);

    @SqlUpdate("INSERT INTO calibration_results (calibration_id, test_id, seed, status, message) "
            + "VALUES (:id, :testId, :seed, :status, :message)")
    void insertResult(@Bind("id") long calibrationId, @Bind("testId") String testId, @Bind("seed") long seed,
                      @Bind("status") String status, @Bind("message") String message);

    @SqlQuery("SELECT * FROM calibrations WHERE id = :id")
    Optional<CalibrationRow> byId(@Bind("id") long id);

    @SqlQuery("SELECT * FROM calibration_results WHERE calibration_id = :id ORDER BY id")
    List<CalibrationResultRow> results(@Bind("id") long calibrationId);

    /** Every worker's latest calibration of the lab at this suite digest, one row per worker, by worker name. */
    @SqlQuery("SELECT c.* FROM calibrations c WHERE c.lab = :lab AND c.suite_digest = :digest AND c.id = "
            + "(SELECT MAX(l.id) FROM calibrations l WHERE l.worker = c.worker AND l.lab = c.lab "
            + "AND l.suite_digest = c.suite_digest) ORDER BY c.worker")
    List<CalibrationRow> latestPerWorker(@Bind("lab") String lab, @Bind("digest") String digest);

    @SqlQuery("SELECT * FROM calibrations ORDER BY id DESC LIMIT :n")
    List<CalibrationRow> recent(@Bind("n") int n);

    @SqlQuery("SELECT * FROM calibrations ORDER BY id")
    List<CalibrationRow> all();

    /** Flags a test unless it is flagged already for this digest (a flag, once decided, stays decided). */
    @SqlUpdate("INSERT INTO flagged_tests (lab, suite_digest, test_id, calibration_id, flagged_at) "
            + "VALUES (:lab, :digest, :testId, :calibrationId, :now) "
            + "ON CONFLICT (lab, suite_digest, test_id) DO NOTHING")
    int flag(@Bind("lab") String lab, @Bind("digest") String digest, @Bind("testId") String testId,
             @Bind("calibrationId") long calibrationId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE flagged_tests SET decision = :decision, decided_by = :actor, decided_at = :now "
            + "WHERE lab = :lab AND suite_digest = :digest AND test_id = :testId")
    int decide(@Bind("lab") String lab, @Bind("digest") String digest, @Bind("testId") String testId,
               @Bind("decision") String decision, @Bind("actor") String actor, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM flagged_tests WHERE lab = :lab AND suite_digest = :digest AND test_id = :testId")
    Optional<FlaggedTestRow> flagged(@Bind("lab") String lab, @Bind("digest") String digest,
                                     @Bind("testId") String testId);

    @SqlQuery("SELECT * FROM flagged_tests ORDER BY lab, suite_digest, test_id")
    List<FlaggedTestRow> allFlagged();

    /**
     * The tests of {@code lab} at {@code digest} whose failures do not count now: flagged and undecided, or decided
     * "never count". The one rule for which flags excuse; {@code ScoreKeeper} decides what excused means for points.
     */
    @SqlQuery("SELECT test_id FROM flagged_tests WHERE lab = :lab AND suite_digest = :digest "
            + "AND (decision IS NULL OR decision = 'NEVER') ORDER BY test_id")
    List<String> excused(@Bind("lab") String lab, @Bind("digest") String digest);

    /** The reference's failures of one flagged test: which worker, on which seed, with what message. */
    @SqlQuery("SELECT r.* FROM calibration_results r JOIN calibrations c ON c.id = r.calibration_id "
            + "WHERE c.lab = :lab AND c.suite_digest = :digest AND r.test_id = :testId AND r.status <> 'PASSED' "
            + "AND r.status <> 'SKIPPED' ORDER BY r.id")
    List<CalibrationResultRow> failures(@Bind("lab") String lab, @Bind("digest") String digest,
                                        @Bind("testId") String testId);

    /**
     * Changes whenever a flag appears or is decided, for the pages' snapshot versions: both are audited in the same
     * transaction, and the audit log only grows.
     */
    @SqlQuery("SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE action IN ('test flagged', 'flag decided')")
    long flagsVersion();
}
