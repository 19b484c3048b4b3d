package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RunRow.class)
@RegisterConstructorMapper(TestResultRow.class)
@RegisterConstructorMapper(Artifact.class)
public interface RunDao {

    @SqlUpdate("INSERT INTO runs (job_id, submission_id, attempt, worker, sandbox_kind, verdict, message, is_final, "
            + "started_at, finished_at, elapsed_ms, phases, raw_points, max_points, log, log_truncated, suite_digest) "
            + "VALUES "
            + "(:jobId, :submissionId, :attempt, :worker, :sandboxKind, :verdict, :message, :isFinal, :startedAt, "
            + ":finishedAt, :elapsedMs, :phases, :rawPoints, :maxPoints, :log, :logTruncated, :suiteDigest)")
    @GetGeneratedKeys("id")
    long insert(@Bind("jobId") long jobId, @Bind("submissionId") long submissionId, @Bind("attempt") int attempt,
                @Bind("worker") String worker, @Bind("sandboxKind") String sandboxKindOrNull,
                @Bind("verdict") Verdict verdict, @Bind("message") String message, @Bind("isFinal") boolean isFinal,
                @Bind("startedAt") Instant startedAt, @Bind("finishedAt") Instant finishedAt,
                @Bind("elapsedMs") long elapsedMs, @Bind("phases") String phases,
                @Bind("rawPoints") double rawPoints, @Bind("maxPoints") double maxPoints, @Bind("log") String log,
                @Bind("logTruncated") boolean logTruncated, @Bind("suiteDigest") String suiteDigestOrNull);

    /** A run whose suite digest is not known. */
    default long insert(long jobId, long submissionId, int attempt, String worker, String sandboxKindOrNull,
                        Verdict verdict, String message, boolean isFinal, Instant startedAt, Instant finishedAt,
                        long elapsedMs, String phases, double rawPoints, double maxPoints, String log,
                        boolean logTruncated) {
        return insert(jobId, submissionId, attempt, worker, sandboxKindOrNull, verdict, message, isFinal, startedAt,
                finishedAt, elapsedMs, phases, rawPoints, maxPoints, log, logTruncated, null);
    }

    @SqlBatch("INSERT INTO test_results (run_id, test_id, class_name, method, display_name, description, category, "
            + "max_points, seed, status, duration_ms, message, replay, output, output_truncated, trace_file) VALUES "
            + "(:runId, :r.testId, :r.className, :r.method, :r.displayName, :r.description, :r.category, "
            + ":r.maxPoints, :r.seed, :r.status, :r.durationMs, :r.message, :r.replay, :r.output, "
            + ":r.outputTruncated, :r.traceFileOrNull)")
    void insertResults(@Bind("runId") long runId, @BindMethods("r") List<NewTestResult> results);

    @SqlUpdate("INSERT INTO artifacts (run_id, kind, path, bytes) VALUES (:runId, :kind, :path, :bytes)")
    void insertArtifact(@Bind("runId") long runId, @Bind("kind") ArtifactKind kind, @Bind("path") String path,
                        @Bind("bytes") long bytes);

    /** The content of an artifact graded on another host, for the dashboard (see {@link NewArtifact#shared}). */
    @SqlUpdate("INSERT INTO shared_artifacts (path, content) VALUES (:path, :content) ON CONFLICT (path) DO NOTHING")
    void shareArtifact(@Bind("path") String path, @Bind("content") byte[] content);

    @SqlQuery("SELECT content FROM shared_artifacts WHERE path = :path")
    Optional<byte[]> sharedArtifact(@Bind("path") String path);

    @SqlQuery("SELECT * FROM runs WHERE id = :id")
    Optional<RunRow> byId(@Bind("id") long id);

    @SqlQuery("SELECT * FROM runs WHERE job_id = :jobId ORDER BY id")
    List<RunRow> ofJob(@Bind("jobId") long jobId);

    @SqlQuery("SELECT * FROM runs WHERE submission_id = :submissionId ORDER BY id")
    List<RunRow> ofSubmission(@Bind("submissionId") long submissionId);

    /** The standing result of a submission: the final run of its latest finished job. */
    @SqlQuery("SELECT r.* FROM runs r JOIN grading_jobs j ON j.final_run_id = r.id "
            + "WHERE j.submission_id = :submissionId AND r.verdict <> 'PLATFORM_ERROR' ORDER BY j.id DESC LIMIT 1")
    Optional<RunRow> standing(@Bind("submissionId") long submissionId);

    @SqlQuery("SELECT * FROM test_results WHERE run_id = :runId ORDER BY id")
    List<TestResultRow> results(@Bind("runId") long runId);

    @SqlQuery("SELECT * FROM artifacts WHERE run_id = :runId ORDER BY id")
    List<Artifact> artifacts(@Bind("runId") long runId);

    @SqlQuery("SELECT COUNT(*) FROM runs WHERE job_id = :jobId AND is_final = TRUE")
    int finalCount(@Bind("jobId") long jobId);
}
