package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LabRow.class)
public interface LabDao {

    @SqlUpdate("INSERT INTO labs (name, number, title, points, release_at, due_at, hard_end_at) "
            + "VALUES (:name, :number, :title, :points, :releaseAt, :dueAt, :hardEndAt) "
            + "ON CONFLICT (name) DO UPDATE SET number = excluded.number, title = excluded.title, "
            + "points = excluded.points, release_at = excluded.release_at, due_at = excluded.due_at, "
            + "hard_end_at = excluded.hard_end_at")
    void upsert(@Bind("name") String name, @Bind("number") int number, @Bind("title") String title,
                @Bind("points") int points, @Bind("releaseAt") Instant releaseAt, @Bind("dueAt") Instant dueAt,
                @Bind("hardEndAt") Instant hardEndAt);

    @SqlQuery("SELECT * FROM labs WHERE name = :name")
    Optional<LabRow> byName(@Bind("name") String name);

    @SqlQuery("SELECT * FROM labs ORDER BY number")
    List<LabRow> all();
}
