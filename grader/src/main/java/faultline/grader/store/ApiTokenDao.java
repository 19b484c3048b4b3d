package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiTokenRow.class)
public interface ApiTokenDao {

    @SqlUpdate("INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (:userId, :label, :hash, :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("userId") long userId, @Bind("label") String label, @Bind("hash") String hash,
                @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM api_tokens WHERE token_hash = :hash AND revoked = FALSE")
    Optional<ApiTokenRow> active(@Bind("hash") String hash);

    @SqlQuery("SELECT * FROM api_tokens WHERE user_id = :userId ORDER BY id")
    List<ApiTokenRow> of(@Bind("userId") long userId);

    @SqlUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
    void touch(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE api_tokens SET revoked = TRUE WHERE id = :id AND user_id = :userId")
    int revoke(@Bind("id") long id, @Bind("userId") long userId);
}
