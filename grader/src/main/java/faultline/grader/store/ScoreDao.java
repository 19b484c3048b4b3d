package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ScoreRow.class)
public interface ScoreDao {

    @SqlQuery("SELECT * FROM scores WHERE user_id = :userId AND lab = :lab AND current = TRUE")
    Optional<ScoreRow> current(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlQuery("SELECT * FROM scores WHERE user_id = :userId AND lab = :lab ORDER BY id")
    List<ScoreRow> history(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlQuery("SELECT * FROM scores WHERE user_id = :userId ORDER BY lab, id")
    List<ScoreRow> allOf(@Bind("userId") long userId);

    @SqlQuery("SELECT * FROM scores WHERE current = TRUE ORDER BY user_id, lab")
    List<ScoreRow> allCurrent();

    /** Only the current flag ever changes on a score row; its numbers are kept as they were. */
    @SqlUpdate("UPDATE scores SET current = FALSE WHERE user_id = :userId AND lab = :lab AND current = TRUE")
    int retire(@Bind("userId") long userId, @Bind("lab") String lab);

    @SqlUpdate("INSERT INTO scores (user_id, lab, submission_id, run_id, raw_points, max_points, late_days, grace_days, "
            + "penalty_pct, points, lab_points, policy, reason, computed_at, current) VALUES (:userId, :lab, "
            + ":submissionId, :runId, :rawPoints, :maxPoints, :lateDays, :graceDays, :penaltyPct, :points, "
            + ":labPoints, :policy, :reason, :computedAt, TRUE)")
    void insertCurrent(@Bind("userId") long userId, @Bind("lab") String lab, @Bind("submissionId") long submissionId,
                       @Bind("runId") long runId, @Bind("rawPoints") double rawPoints,
                       @Bind("maxPoints") double maxPoints, @Bind("lateDays") int lateDays,
                       @Bind("graceDays") int graceDays, @Bind("penaltyPct") double penaltyPct,
                       @Bind("points") double points, @Bind("labPoints") double labPoints,
                       @Bind("policy") String policy, @Bind("reason") String reason,
                       @Bind("computedAt") Instant computedAt);
}
