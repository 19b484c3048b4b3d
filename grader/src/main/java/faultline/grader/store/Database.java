package faultline.grader.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The one way into the grader's SQLite file. Every connection runs in WAL mode with a busy
 * timeout and foreign keys on; transactions begin IMMEDIATE so a writer takes the write lock up
 * front instead of failing to upgrade a read lock later; and inside this process writes pass
 * one at a time through {@link #write}, so threads queue on a lock rather than on SQLITE_BUSY.
 */
public final class Database implements AutoCloseable {

    /** Grader migrations; other modules add theirs (web: {@code classpath:db/migration/web}, V100+). */
    public static final String GRADER_MIGRATIONS = "classpath:db/migration/grader";

    /** Readers in the dashboard and workers at once; more gains nothing on a few cores. */
    private static final int POOL_SIZE = 8;

    private final Path file;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final ReentrantLock writer = new ReentrantLock(true);

    private Database(Path file, HikariDataSource pool, Jdbi jdbi) {
        this.file = file;
        this.pool = pool;
        this.jdbi = jdbi;
    }

    /** Opens (creating if needed) the database file and migrates it with the grader's and the extra locations. */
    public static Database open(Path file, List<String> extraMigrationLocations) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException(StorageProblem.diagnose(folderOf(file), e).orElse("Could not create the folder "
                    + "for the database " + file + " (" + e.getMessage() + "). Check the --data folder is writable."), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        List<String> locations = new ArrayList<>();
        locations.add(GRADER_MIGRATIONS);
        locations.addAll(extraMigrationLocations);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .failOnMissingLocations(false)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // Flyway says "could not migrate" for a disk that cannot be written as for a schema it does not know.
            throw new StoreException(StorageProblem.diagnose(folderOf(file), e).orElseGet(() ->
                    "Could not bring the database " + file + " up to date: " + e.getMessage().lines().findFirst()
                            .orElse("") + (e instanceof FlywayValidateException ? ". If the file comes from a newer "
                            + "Faultline, use that version." : ". Run with --verbose for the details.")), e);
        }

        // Connections are kept in a pool: opening a SQLite connection (file, pragmas) costs more than most
        // queries. WAL lets the pooled readers run beside the one writer.
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setDataSource(dataSource);
        poolConfig.setPoolName("faultline-db");
        poolConfig.setMaximumPoolSize(POOL_SIZE);
        poolConfig.setMinimumIdle(1);
        poolConfig.setConnectionTimeout(30_000);
        HikariDataSource pool = new HikariDataSource(poolConfig);
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        jdbi.registerArgument(new InstantAsMillis());
        return new Database(file, pool, jdbi);
    }

    public static Database open(Path file) {
        return open(file, List.of());
    }

    public Path file() {
        return file;
    }

    /** Reads outside the writer lock; WAL lets readers run beside the writer. */
    public <R> R read(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw explained(e);
        }
    }

    /** Runs one IMMEDIATE write transaction, one writer of this process at a time. */
    public <R> R write(HandleCallback<R, RuntimeException> callback) {
        writer.lock();
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw explained(e);
        } finally {
            writer.unlock();
        }
    }

    /** A failure of the disk under the database (full, read-only...) says so; anything else is passed on. */
    private RuntimeException explained(JdbiException e) {
        return StorageProblem.diagnose(folderOf(file), e).<RuntimeException>map(m -> new StoreException(m, e))
                .orElse(e);
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    public <T> T dao(Handle handle, Class<T> type) {
        return handle.attach(type);
    }

    /** {@code PRAGMA integrity_check}: "ok" when the file is sound. */
    public String integrityCheck() {
        return read(h -> String.join("; ", h.createQuery("PRAGMA integrity_check").mapTo(String.class).list()));
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Times are stored as epoch milliseconds, which sort and compare in SQL as plain integers. */
    private static final class InstantAsMillis extends AbstractArgumentFactory<Instant> {
        InstantAsMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
