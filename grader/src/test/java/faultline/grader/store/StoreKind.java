package faultline.grader.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the store's tests run on. SQLite is a file in the test's folder; PostgreSQL is a fresh database
 * made for the test on the server {@code -Dfaultline.postgresUrl} names (dropped again by {@link #drop}). When no
 * server answers, PostgreSQL tests are skipped with a message saying so, unless
 * {@code -Dfaultline.requirePostgres=true} (CI), where that is a failure.
 */
public enum StoreKind {
    SQLITE, POSTGRESQL;

    /** Where the tests' PostgreSQL server is, as a JDBC URL of a database the user may create databases from. */
    public static String serverUrl() {
        return System.getProperty("faultline.postgresUrl",
                "jdbc:postgresql://localhost:5432/postgres?user=postgres&password=postgres");
    }

    /** The JDBC URL of a new, empty database of this kind, for one test. */
    public String freshUrl(Path dir) {
        if (this == SQLITE) {
            return "jdbc:sqlite:" + dir.resolve("faultline.db").toAbsolutePath();
        }
        String name = "faultline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on " + serverUrl() + ": " + e.getMessage(),
                    e);
        }
        return withDatabase(serverUrl(), name);
    }

    /** Opens a new, empty, migrated database of this kind. */
    public Database open(Path dir) {
        return Database.open(freshUrl(dir));
    }

    /** Drops a PostgreSQL test database made by {@link #freshUrl} (connections to it are ended); SQLite: nothing. */
    public static void drop(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        String name = url.replaceAll("^jdbc:postgresql://[^/]*/([^?]*).*$", "$1");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The URL with its database swapped for {@code database}, parameters kept. */
    static String withDatabase(String url, String database) {
        return url.replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + database);
    }

    private static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(5);
        try {
            return DriverManager.getConnection(serverUrl());
        } catch (SQLException e) {
            String why = "no PostgreSQL server answers at " + serverUrl().replaceAll("(?i)(password=)[^&]*", "$1***")
                    + " (" + e.getMessage() + ")";
            if (Boolean.getBoolean("faultline.requirePostgres")) {
                throw new AssertionError("PostgreSQL is required (faultline.requirePostgres=true) but " + why, e);
            }
            Assumptions.abort("PostgreSQL tests skipped: " + why + ". Install and start PostgreSQL (Debian: "
                    + "postgresql) or pass -Dfaultline.postgresUrl, to run them.");
            throw new IllegalStateException("unreachable");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
