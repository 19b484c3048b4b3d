package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Workers announcing themselves, and the roster the queue page shows. */
@RegisterConstructorMapper(WorkerLine.class)
public interface WorkerDao {

    @SqlUpdate("INSERT INTO workers (name, host, pid, sandbox, started_at, seen_at) "
            + "VALUES (:name, :host, :pid, :sandbox, :now, :now) "
            + "ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at, stopped_at = NULL")
    void announce(@Bind("name") String name, @Bind("host") String host, @Bind("pid") long pid,
                  @Bind("sandbox") String sandbox, @Bind("now") Instant now);

    @SqlUpdate("UPDATE workers SET seen_at = :now WHERE name = :name")
    int seen(@Bind("name") String name, @Bind("now") Instant now);

    @SqlUpdate("UPDATE workers SET stopped_at = :now, seen_at = :now WHERE name = :name")
    int stopped(@Bind("name") String name, @Bind("now") Instant now);

    /** Why the worker may not lease jobs now; empty while it may (or when it never announced itself). */
    @SqlQuery("SELECT out_of_rotation FROM workers WHERE name = :name AND out_of_rotation IS NOT NULL")
    Optional<String> outOfRotation(@Bind("name") String name);

    @SqlUpdate("UPDATE workers SET out_of_rotation = :reason, out_since = :now WHERE name = :name")
    int takeOut(@Bind("name") String name, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlUpdate("UPDATE workers SET out_of_rotation = NULL, out_since = NULL, returned_at = :now "
            + "WHERE name = :name AND out_of_rotation IS NOT NULL")
    int putBack(@Bind("name") String name, @Bind("now") Instant now);

    /** When staff last put the worker back in rotation, if ever. */
    @SqlQuery("SELECT returned_at FROM workers WHERE name = :name AND returned_at IS NOT NULL")
    Optional<Instant> returnedAt(@Bind("name") String name);

    /** Workers not stopped and in rotation, by name. */
    @SqlQuery("SELECT name FROM workers WHERE stopped_at IS NULL AND out_of_rotation IS NULL ORDER BY name")
    List<String> inRotation();

    /**
     * Workers running or seen since {@code recent}, each with the submission it is grading (if any), how many
     * runs it recorded since {@code since} and in all.
     */
    @SqlQuery("SELECT w.name, w.host, w.pid, w.sandbox, w.started_at, w.seen_at, w.stopped_at, w.out_of_rotation, "
            + "(SELECT MIN(j.submission_id) FROM grading_jobs j WHERE j.state = 'RUNNING' AND j.lease_owner = w.name) "
            + "AS running_submission, "
            + "(SELECT COUNT(*) FROM runs r WHERE r.worker = w.name AND r.finished_at > :since) AS recent_runs, "
            + "(SELECT COUNT(*) FROM runs r WHERE r.worker = w.name) AS runs "
            + "FROM workers w WHERE w.stopped_at IS NULL OR w.seen_at > :recent ORDER BY w.host, w.started_at, w.name")
    List<WorkerLine> roster(@Bind("since") Instant since, @Bind("recent") Instant recent);
}
