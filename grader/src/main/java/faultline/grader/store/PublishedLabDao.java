package faultline.grader.store;

import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PublishedLabDao {

    @SqlUpdate("INSERT INTO published_labs (lab, published_at, published_by) VALUES (:lab, :at, :by) "
            + "ON CONFLICT (lab) DO NOTHING")
    void publish(@Bind("lab") String lab, @Bind("at") Instant at, @Bind("by") String by);

    @SqlUpdate("DELETE FROM published_labs WHERE lab = :lab")
    void withdraw(@Bind("lab") String lab);

    @SqlQuery("SELECT lab FROM published_labs")
    Set<String> published();
}
