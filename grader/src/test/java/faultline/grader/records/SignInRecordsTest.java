package faultline.grader.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.store.Database;
import faultline.grader.store.Role;
import faultline.grader.store.StoreKind;
import faultline.grader.store.UserDao;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Sessions, tokens and sign-in attempts as the grader keeps them for the dashboard, on both databases. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SignInRecordsTest {

    private static final Instant T = Instant.parse("2026-09-20T10:00:00Z");

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private Database db;
    private SignInRecords records;
    private long alice;

    @BeforeEach
    void open() {
        url = kind.freshUrl(dir);
        db = Database.open(url);
        records = new SignInRecords(db);
        alice = db.write(h -> h.attach(UserDao.class).insert("alice", "Alice", "", Role.STUDENT, null, T));
    }

    @AfterEach
    void drop() {
        db.close();
        StoreKind.drop(url);
    }

    @Test
    void aSessionLivesUntilItExpiresOrIsClosedAndOpeningOneClearsExpiredOnes() {
        records.openSession("old", alice, "csrf-old", T, T.plus(Duration.ofHours(1)));
        records.openSession("new", alice, "csrf-new", T.plus(Duration.ofHours(2)), T.plus(Duration.ofHours(14)));
        assertTrue(records.liveSession("old", T.plus(Duration.ofHours(2))).isEmpty(), "expired");
        SignInRecords.LiveSession live = records.liveSession("new", T.plus(Duration.ofHours(3))).orElseThrow();
        assertEquals("alice", live.user().login());
        assertEquals("csrf-new", live.csrfToken());
        assertTrue(records.liveSession("old", T).isEmpty(), "removed when the newer one was opened");
        records.closeSession("new");
        assertTrue(records.liveSession("new", T.plus(Duration.ofHours(3))).isEmpty());
    }

    @Test
    void aTokenActsForItsOwnerUntilRevokedAndOnlyItsOwnerCanRevokeIt() {
        long id = records.issueToken(alice, "laptop", "hash-1", T);
        assertEquals("alice", records.useToken("hash-1", T.plusSeconds(5)).orElseThrow().login());
        assertEquals(T.plusSeconds(5), records.tokensOf(alice).get(0).lastUsedAt().orElseThrow());
        assertFalse(records.revokeToken(alice + 1, id), "not someone else's to revoke");
        assertTrue(records.revokeToken(alice, id));
        assertTrue(records.useToken("hash-1", T.plusSeconds(6)).isEmpty());
        assertTrue(records.tokensOf(alice).get(0).revoked());
    }

    @Test
    void failuresAreCountedPerPairPerAddressAndPerLoginAndASuccessResetsOnlyItsPair() {
        records.recordAttempt("alice", "10.0.0.1", T, false);
        records.recordAttempt("alice", "10.0.0.1", T.plusSeconds(1), false);
        records.recordAttempt("alice", "10.0.0.2", T.plusSeconds(2), false);
        records.recordAttempt("bob", "10.0.0.1", T.plusSeconds(3), false);
        SignInRecords.Failures before = records.failures("alice", "10.0.0.1", T.minusSeconds(60), T.minusSeconds(60));
        assertEquals(new SignInRecords.Failures(2, 3, 3, false), before);

        records.recordAttempt("alice", "10.0.0.1", T.plusSeconds(4), true);
        SignInRecords.Failures after = records.failures("alice", "10.0.0.1", T.minusSeconds(60), T.minusSeconds(60));
        assertEquals(new SignInRecords.Failures(0, 3, 3, true), after);
        assertEquals(1, records.failures("alice", "10.0.0.1", T.plusMillis(1500), T.minusSeconds(60)).fromIp(),
                "only failures after the window's start count");
    }
}
