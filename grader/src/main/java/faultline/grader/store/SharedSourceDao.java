package faultline.grader.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Submissions' sources in the database, for workers that do not share the data folder (PostgreSQL). */
public interface SharedSourceDao {

    @SqlUpdate("INSERT INTO shared_sources (content_hash, tar) VALUES (:hash, :tar) ON CONFLICT (content_hash) DO NOTHING")
    void put(@Bind("hash") String hash, @Bind("tar") byte[] tar);

    @SqlQuery("SELECT tar FROM shared_sources WHERE content_hash = :hash")
    Optional<byte[]> get(@Bind("hash") String hash);
}
