package faultline.grader.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class DatabaseTest {

    private static final Instant T = Instant.parse("2025-10-01T12:00:00Z");

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private final java.util.List<String> urls = new java.util.ArrayList<>();

    private String freshUrl() {
        String url = kind.freshUrl(dir);
        urls.add(url);
        return url;
    }

    @AfterEach
    void drop() {
        urls.forEach(StoreKind::drop);
    }

    @Test
    void roundTripsRowsThroughTheDaos() {
        Database db = Database.open(freshUrl());
        long runId = db.write(h -> {
            long user = h.attach(UserDao.class).insert("alice", "Alice", "", Role.STUDENT, null, T);
            h.attach(LabDao.class).upsert("pbkv", 2, "Primary/backup", 100, T, T.plusSeconds(86400), T.plusSeconds(3 * 86400));
            long sub = h.attach(SubmissionDao.class).insert(user, "pbkv", T, "ab".repeat(32), 2, 120, 0, LateStatus.ON_TIME);
            long job = h.attach(JobDao.class).insert(sub, JobReason.SUBMISSION, 0, 3, T);
            long run = h.attach(RunDao.class).insert(job, sub, 1, "w1", "LOCAL", Verdict.COMPLETED, "ok", false,
                    T, T.plusMillis(1500), 1500, "{\"compile\":300}", 5, 10, "log", false);
            h.attach(RunDao.class).insertResults(run, List.of(new NewTestResult("T#a", "T", "a", "a", "d", "BASIC", 10,
                    7L, TestStatus.PASSED, 12, "", "replay", "", false, null)));
            return run;
        });
        RunRow run = db.read(h -> h.attach(RunDao.class).byId(runId)).orElseThrow();
        assertEquals(java.util.Optional.of("LOCAL"), run.sandboxKind());
        assertEquals(T.plusMillis(1500), run.finishedAt());
        assertFalse(run.isFinal());
        var results = db.read(h -> h.attach(RunDao.class).results(runId));
        assertEquals(7L, results.get(0).seed());
        assertTrue(results.get(0).traceFile().isEmpty());
        User alice = db.read(h -> h.attach(UserDao.class).byLogin("alice")).orElseThrow();
        assertTrue(alice.passwordHash().isEmpty());
        assertEquals(Role.STUDENT, alice.role());
        GradingJob job = db.read(h -> h.attach(JobDao.class).all()).get(0);
        assertTrue(job.leaseOwner().isEmpty() && job.finalRunId().isEmpty());
        assertEquals("ok", db.integrityCheck());
        if (kind == StoreKind.SQLITE) {
            assertEquals("wal", db.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()));
            assertEquals(Integer.valueOf(1), db.read(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class)
                    .one()));
        }
        db.close();
    }

    @Test
    void theAuditLogIsAppendOnly() {
        Database db = Database.open(freshUrl());
        db.write(h -> {
            h.attach(AuditLog.class).append(T, "prof", "grade", "submission 1", "{}");
            return null;
        });
        var update = assertThrows(UnableToExecuteStatementException.class,
                () -> db.write(h -> h.execute("UPDATE audit_log SET actor = 'mallory'")));
        assertTrue(update.getMessage().contains("append-only"));
        assertThrows(UnableToExecuteStatementException.class, () -> db.write(h -> h.execute("DELETE FROM audit_log")));
        assertEquals("prof", db.read(h -> h.attach(AuditLog.class).all()).get(0).actor());
        assertEquals(1, db.read(h -> h.attach(AuditLog.class).all()).size(), "nothing was deleted");
        db.close();
    }

    @Test
    void foreignKeysAreEnforcedAndReopeningKeepsData() {
        String url = freshUrl();
        Database db = Database.open(url);
        assertThrows(UnableToExecuteStatementException.class, () -> db.write(h ->
                h.attach(SubmissionDao.class).insert(99, "nolab", T, "x", 1, 1, 0, LateStatus.ON_TIME)));
        db.write(h -> h.attach(UserDao.class).insert("bob", "Bob", "", Role.TA, null, T));
        db.close();
        try (Database again = Database.open(url)) {
            assertEquals(1, again.read(h -> h.attach(UserDao.class).all()).size());
        }
    }
}
