package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Job rows. Every state change is conditional on the state (and lease owner) it expects, so a worker
 * that lost its lease changes nothing; callers check the returned row counts.
 */
@RegisterConstructorMapper(GradingJob.class)
public interface JobDao {

    @SqlUpdate("INSERT INTO grading_jobs (submission_id, reason, priority, state, attempts, max_attempts, enqueued_at) "
            + "VALUES (:submissionId, :reason, :priority, 'QUEUED', 0, :maxAttempts, :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("submissionId") long submissionId, @Bind("reason") JobReason reason,
                @Bind("priority") int priority, @Bind("maxAttempts") int maxAttempts, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM grading_jobs WHERE id = :id")
    Optional<GradingJob> byId(@Bind("id") long id);

    @SqlQuery("SELECT * FROM grading_jobs WHERE state = 'QUEUED' ORDER BY priority, enqueued_at, id LIMIT 1")
    Optional<GradingJob> nextQueued();

    /**
     * As {@link #nextQueued}, on PostgreSQL, row-locking the job for the rest of the transaction and passing over
     * jobs other workers have locked, so concurrent claims each get a different job without waiting.
     */
    @SqlQuery("SELECT * FROM grading_jobs WHERE state = 'QUEUED' ORDER BY priority, enqueued_at, id LIMIT 1 "
            + "FOR UPDATE SKIP LOCKED")
    Optional<GradingJob> nextQueuedSkippingLocked();

    @SqlUpdate("UPDATE grading_jobs SET state = 'RUNNING', lease_owner = :owner, lease_expires_at = :expires, "
            + "heartbeat_at = :now, started_at = :now, attempts = attempts + 1 WHERE id = :id AND state = 'QUEUED'")
    int lease(@Bind("id") long id, @Bind("owner") String owner, @Bind("now") Instant now,
              @Bind("expires") Instant expires);

    @SqlUpdate("UPDATE grading_jobs SET heartbeat_at = :now, lease_expires_at = :expires "
            + "WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
    int heartbeat(@Bind("id") long id, @Bind("owner") String owner, @Bind("now") Instant now,
                  @Bind("expires") Instant expires);

    @SqlUpdate("UPDATE grading_jobs SET state = :state, final_run_id = :runId, finished_at = :now, "
            + "lease_owner = NULL, lease_expires_at = NULL WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
    int finish(@Bind("id") long id, @Bind("owner") String owner, @Bind("state") JobState state,
               @Bind("runId") long runId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE grading_jobs SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL "
            + "WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
    int release(@Bind("id") long id, @Bind("owner") String owner);

    @SqlQuery("SELECT * FROM grading_jobs WHERE state = 'RUNNING' ORDER BY id")
    List<GradingJob> running();

    @SqlUpdate("UPDATE grading_jobs SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL "
            + "WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
    int requeue(@Bind("id") long id, @Bind("owner") String owner);

    @SqlQuery("SELECT * FROM grading_jobs WHERE submission_id = :submissionId ORDER BY id")
    List<GradingJob> ofSubmission(@Bind("submissionId") long submissionId);

    @SqlQuery("SELECT * FROM grading_jobs ORDER BY id")
    List<GradingJob> all();

    @SqlQuery("SELECT COUNT(*) FROM grading_jobs WHERE state IN ('QUEUED', 'RUNNING')")
    int pending();
}
