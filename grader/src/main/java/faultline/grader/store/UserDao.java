package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
public interface UserDao {

    @SqlUpdate("INSERT INTO users (login, name, email, role, password_hash, created_at) "
            + "VALUES (:login, :name, :email, :role, :passwordHash, :createdAt)")
    @GetGeneratedKeys("id")
    long insert(@Bind("login") String login, @Bind("name") String name, @Bind("email") String email,
                @Bind("role") Role role, @Bind("passwordHash") String passwordHashOrNull,
                @Bind("createdAt") Instant createdAt);

    @SqlUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
    int setPasswordHash(@Bind("id") long id, @Bind("hash") String hash);

    @SqlUpdate("UPDATE users SET name = :name, email = :email, role = :role WHERE id = :id")
    int update(@Bind("id") long id, @Bind("name") String name, @Bind("email") String email, @Bind("role") Role role);

    @SqlQuery("SELECT * FROM users WHERE login = :login")
    Optional<User> byLogin(@Bind("login") String login);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> byId(@Bind("id") long id);

    @SqlQuery("SELECT * FROM users ORDER BY login")
    List<User> all();

    @SqlQuery("SELECT * FROM users WHERE role = :role ORDER BY login")
    List<User> withRole(@Bind("role") Role role);
}
