package faultline.grader.store;

import java.time.Instant;
import java.util.List;
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

    /**
     * Workers running or seen since {@code recent}, each with the submission it is grading (if any), how many
     * runs it recorded since {@code since} and in all.
     */
    @SqlQuery("SELECT w.name, w.host, w.pid, w.sandbox, w.started_at, w.seen_at, w.stopped_at, "
            + "(SELECT MIN(j.submission_id) FROM grading_jobs j WHERE j.state = 'RUNNING' AND j.lease_owner = w.name) "
            + "AS running_submission, "
            + "(SELECT COUNT(*) FROM runs r WHERE r.worker = w.name AND r.finished_at > :since) AS recent_runs, "
            + "(SELECT COUNT(*) FROM runs r WHERE r.worker = w.name) AS runs "
            + "FROM workers w WHERE w.stopped_at IS NULL OR w.seen_at > :recent ORDER BY w.host, w.started_at, w.name")
    List<WorkerLine> roster(@Bind("since") Instant since, @Bind("recent") Instant recent);
}
