package faultline.grader.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
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
 * The one way into the grader's database: an embedded SQLite file (the default) or a PostgreSQL server shared by
 * graders on several hosts, chosen by its JDBC URL; the same DAOs run on both, each with its own Flyway
 * migrations that enforce the same integrity rules.
 *
 * <p>SQLite: every connection runs in WAL mode with a busy timeout and foreign keys on; transactions begin
 * IMMEDIATE so a writer takes the write lock up front instead of failing to upgrade a read lock later; and inside
 * this process writes pass one at a time through {@link #write}, so threads queue on a lock rather than on
 * SQLITE_BUSY.
 *
 * <p>PostgreSQL: {@link #write} transactions take one transaction-scoped advisory lock first, so writes from every
 * process are serialised as SQLite's are (multi-row rules such as "one current score" then need no retries), while
 * {@link #claim} transactions do not, so workers lease jobs side by side with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class Database implements AutoCloseable {

    /** Which database server the URL names; the SQL that differs between them asks this. */
    public enum Dialect {
        SQLITE("classpath:db/migration/sqlite"),
        POSTGRESQL("classpath:db/migration/postgresql");

        private final String migrations;

        Dialect(String migrations) {
            this.migrations = migrations;
        }

        /** Where this dialect's Flyway migrations live. */
        public String migrations() {
            return migrations;
        }
    }

    /** Readers in the dashboard and workers at once; more gains nothing on a few cores. */
    private static final int POOL_SIZE = 8;
    /** The advisory lock every PostgreSQL write transaction holds: one writer at a time, across hosts. */
    private static final long WRITER_LOCK = 0x6661756c746cL; // "faultl"

    private final Optional<Path> file;
    private final String where;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final ReentrantLock writer = new ReentrantLock(true);

    private Database(Optional<Path> file, String where, Dialect dialect, HikariDataSource pool, Jdbi jdbi) {
        this.file = file;
        this.where = where;
        this.dialect = dialect;
        this.pool = pool;
        this.jdbi = jdbi;
    }

    /**
     * Opens the database a JDBC URL names: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST/DB} (user and
     * password as URL parameters), and migrates it.
     */
    public static Database open(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return open(Path.of(url.substring("jdbc:sqlite:".length())));
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StoreException("'" + url + "' is not a database Faultline can use. Give a JDBC URL: "
                    + "jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD.");
        }
        String shown = url.replaceAll("(?i)(password=)[^&]*", "$1***");
        HikariConfig poolConfig = poolConfig();
        poolConfig.setJdbcUrl(url);
        // A server that is down should be reported in seconds, not after the pool's default half minute.
        poolConfig.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig);
        } catch (RuntimeException e) {
            throw new StoreException("Could not connect to the PostgreSQL database " + shown + ": " + rootMessage(e)
                    + ". Check that the server runs, and the host, database, user and password in the URL.", e);
        }
        try {
            migrate(pool, Dialect.POSTGRESQL, shown);
        } catch (StoreException e) {
            pool.close();
            throw e;
        }
        return new Database(Optional.empty(), shown, Dialect.POSTGRESQL, pool, jdbi(pool));
    }

    /** Opens (creating if needed) an SQLite database file and migrates it. */
    public static Database open(Path file) {
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
        try {
            migrate(dataSource, Dialect.SQLITE, file.toString());
        } catch (StoreException e) {
            throw new StoreException(StorageProblem.diagnose(folderOf(file), e.getCause()).orElse(e.getMessage()),
                    e.getCause());
        }

        // Connections are kept in a pool: opening a SQLite connection (file, pragmas) costs more than most
        // queries. WAL lets the pooled readers run beside the one writer.
        HikariConfig poolConfig = poolConfig();
        poolConfig.setDataSource(dataSource);
        HikariDataSource pool = new HikariDataSource(poolConfig);
        return new Database(Optional.of(file), file.toString(), Dialect.SQLITE, pool, jdbi(pool));
    }

    private static HikariConfig poolConfig() {
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setPoolName("faultline-db");
        poolConfig.setMaximumPoolSize(POOL_SIZE);
        poolConfig.setMinimumIdle(1);
        poolConfig.setConnectionTimeout(30_000);
        return poolConfig;
    }

    private static void migrate(javax.sql.DataSource dataSource, Dialect dialect, String where) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(dialect.migrations())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // Flyway says "could not migrate" for a disk that cannot be written as for a schema it does not know.
            throw new StoreException("Could not bring the database " + where + " up to date: " + e.getMessage()
                    .lines().findFirst().orElse("") + (e instanceof FlywayValidateException ? ". If the database "
                    + "comes from a newer Faultline, use that version." : ". Run with --verbose for the details."), e);
        }
    }

    private static Jdbi jdbi(HikariDataSource pool) {
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        jdbi.registerArgument(new InstantAsMillis());
        return jdbi;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** The SQLite file, or empty for a database on a server. */
    public Optional<Path> file() {
        return file;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the database is, for messages: its file, or its URL with any password hidden. */
    public String where() {
        return where;
    }

    /** Reads outside the writer lock; WAL lets readers run beside the writer. */
    public <R> R read(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw explained(e);
        }
    }

    /** Runs one write transaction, one writer at a time: IMMEDIATE on SQLite, under the writer lock on PostgreSQL. */
    public <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (dialect == Dialect.POSTGRESQL) {
            try {
                return jdbi.inTransaction(h -> {
                    h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS held").bind("key", WRITER_LOCK)
                            .mapTo(Integer.class).one();
                    return callback.withHandle(h);
                });
            } catch (JdbiException e) {
                throw explained(e);
            }
        }
        writer.lock();
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw explained(e);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Runs a transaction that leases jobs. On SQLite it is a {@link #write}; on PostgreSQL it skips the writer lock,
     * so it must change rows only under row locks it takes itself ({@code FOR UPDATE SKIP LOCKED}) and conditional
     * updates.
     */
    public <R> R claim(HandleCallback<R, RuntimeException> callback) {
        if (dialect == Dialect.SQLITE) {
            return write(callback);
        }
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw explained(e);
        }
    }

    /** A failure of the disk under the database (full, read-only...) says so; anything else is passed on. */
    private RuntimeException explained(JdbiException e) {
        return file.flatMap(f -> StorageProblem.diagnose(folderOf(f), e)).<RuntimeException>map(m -> new StoreException(m, e))
                .orElse(e);
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    public <T> T dao(Handle handle, Class<T> type) {
        return handle.attach(type);
    }

    /** SQLite's {@code PRAGMA integrity_check}: "ok" when the file is sound; a server checks itself, so "ok". */
    public String integrityCheck() {
        if (dialect == Dialect.POSTGRESQL) {
            return "ok";
        }
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
