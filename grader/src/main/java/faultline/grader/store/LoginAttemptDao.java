package faultline.grader.store;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface LoginAttemptDao {

    @SqlUpdate("INSERT INTO login_attempts (login, ip, at, succeeded) VALUES (:login, :ip, :at, :ok)")
    void record(@Bind("login") String login, @Bind("ip") String ip, @Bind("at") Instant at, @Bind("ok") boolean ok);

    /** Failures for a login from one address since that address last signed in to it (or {@code since}). */
    @SqlQuery("SELECT COUNT(*) FROM login_attempts WHERE login = :login AND ip = :ip AND succeeded = FALSE "
            + "AND at > :since AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE login = :login "
            + "AND ip = :ip AND succeeded = TRUE), 0)")
    int failuresForPair(@Bind("login") String login, @Bind("ip") String ip, @Bind("since") Instant since);

    /** Failures for a login from every address since {@code since}; an owner's success does not reset them. */
    @SqlQuery("SELECT COUNT(*) FROM login_attempts WHERE login = :login AND succeeded = FALSE AND at > :since")
    int failuresForLogin(@Bind("login") String login, @Bind("since") Instant since);

    @SqlQuery("SELECT COUNT(*) FROM login_attempts WHERE ip = :ip AND succeeded = FALSE AND at > :since")
    int failuresFromIp(@Bind("ip") String ip, @Bind("since") Instant since);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM login_attempts WHERE login = :login AND ip = :ip AND succeeded = TRUE)")
    boolean hasSignedInFrom(@Bind("login") String login, @Bind("ip") String ip);
}
