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

    /** When the student of submission {@code s} last had a job leased, as epoch milliseconds; 0 if never. */
    String LAST_LEASED = "COALESCE((SELECT MAX(o.started_at) FROM grading_jobs o "
            + "JOIN submissions os ON os.id = o.submission_id WHERE os.user_id = s.user_id), 0)";

    /**
     * The order workers lease queued jobs in: the most urgent priority first (new submissions before regrades); within
     * it, round-robin by student: the student whose jobs were leased least recently (never, first), then that
     * student's oldest job. A student's ten queued submissions thus take turns with everyone else's one. (Pages that
     * show a place in the queue play it forward with {@link faultline.grader.queue.LeaseOrder}.)
     */
    String FAIR_ORDER = "SELECT j.* FROM grading_jobs j JOIN submissions s ON s.id = j.submission_id "
            + "WHERE j.state = 'QUEUED' ORDER BY j.priority, " + LAST_LEASED + ", j.enqueued_at, j.id LIMIT 1";

    @SqlQuery(FAIR_ORDER)
    Optional<GradingJob> nextQueued();

    /**
     * As {@link #nextQueued}, on PostgreSQL, row-locking the job (not its submission) for the rest of the transaction
     * and passing over jobs other workers have locked, so concurrent claims each get a different job without waiting.
     */
    @SqlQuery(FAIR_ORDER + " FOR UPDATE OF j SKIP LOCKED")
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
