package faultline.web.data;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface LoginAttemptDao {

    @SqlUpdate("INSERT INTO login_attempts (login, ip, at, succeeded) VALUES (:login, :ip, :at, :ok)")
    void record(@Bind("login") String login, @Bind("ip") String ip, @Bind("at") Instant at, @Bind("ok") boolean ok);

    /** Failures for a login since its last success (or since {@code since}, whichever is later). */
    @SqlQuery("SELECT COUNT(*) FROM login_attempts WHERE login = :login AND succeeded = 0 AND at > :since "
            + "AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE login = :login AND succeeded = 1), 0)")
    int failuresForLogin(@Bind("login") String login, @Bind("since") Instant since);

    @SqlQuery("SELECT COUNT(*) FROM login_attempts WHERE ip = :ip AND succeeded = 0 AND at > :since")
    int failuresFromIp(@Bind("ip") String ip, @Bind("since") Instant since);

    @SqlQuery("SELECT MIN(at) FROM (SELECT at FROM login_attempts WHERE login = :login AND succeeded = 0 "
            + "AND at > :since ORDER BY at DESC LIMIT :n)")
    long oldestOfLastFailures(@Bind("login") String login, @Bind("since") Instant since, @Bind("n") int n);
}
