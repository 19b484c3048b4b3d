package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SessionRow.class)
public interface SessionDao {

    @SqlUpdate("INSERT INTO web_sessions (secret_hash, user_id, csrf_token, created_at, expires_at) "
            + "VALUES (:secretHash, :userId, :csrf, :now, :expires)")
    void insert(@Bind("secretHash") String secretHash, @Bind("userId") long userId, @Bind("csrf") String csrf,
                @Bind("now") Instant now, @Bind("expires") Instant expires);

    @SqlQuery("SELECT * FROM web_sessions WHERE secret_hash = :secretHash AND expires_at > :now")
    Optional<SessionRow> live(@Bind("secretHash") String secretHash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM web_sessions WHERE secret_hash = :secretHash")
    int delete(@Bind("secretHash") String secretHash);

    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
