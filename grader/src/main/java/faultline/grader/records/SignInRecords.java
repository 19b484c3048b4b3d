package faultline.grader.records;

import faultline.grader.store.ApiTokenDao;
import faultline.grader.store.ApiTokenRow;
import faultline.grader.store.Database;
import faultline.grader.store.LoginAttemptDao;
import faultline.grader.store.SessionDao;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The records behind signing in: browser sessions and API tokens (kept as hashes of their secrets) and sign-in
 * attempts. What a secret is and when to refuse a sign-in is the dashboard's business; keeping them is the
 * grader's, beside the users they belong to.
 */
public final class SignInRecords {

    private final Database db;

    public SignInRecords(Database db) {
        this.db = db;
    }

    /** A live session and the person it signs in. */
    public record LiveSession(User user, String csrfToken) {
    }

    /** Stores a new session, dropping every expired one on the way. */
    public void openSession(String secretHash, long userId, String csrfToken, Instant now, Instant expires) {
        db.write(h -> {
            SessionDao sessions = h.attach(SessionDao.class);
            sessions.deleteExpired(now);
            sessions.insert(secretHash, userId, csrfToken, now, expires);
            return null;
        });
    }

    public Optional<LiveSession> liveSession(String secretHash, Instant now) {
        return db.read(h -> h.attach(SessionDao.class).live(secretHash, now)
                .flatMap(s -> h.attach(UserDao.class).byId(s.userId()).map(u -> new LiveSession(u, s.csrfToken()))));
    }

    public void closeSession(String secretHash) {
        db.write(h -> h.attach(SessionDao.class).delete(secretHash));
    }

    public long issueToken(long userId, String label, String tokenHash, Instant now) {
        return db.write(h -> h.attach(ApiTokenDao.class).insert(userId, label, tokenHash, now));
    }

    /** The owner of an unrevoked token, noting that it was used. */
    public Optional<User> useToken(String tokenHash, Instant now) {
        Optional<ApiTokenRow> row = db.read(h -> h.attach(ApiTokenDao.class).active(tokenHash));
        row.ifPresent(r -> db.write(h -> {
            h.attach(ApiTokenDao.class).touch(r.id(), now);
            return null;
        }));
        return row.flatMap(r -> db.read(h -> h.attach(UserDao.class).byId(r.userId())));
    }

    public List<ApiTokenRow> tokensOf(long userId) {
        return db.read(h -> h.attach(ApiTokenDao.class).of(userId));
    }

    /** Revokes one of the person's tokens; false if they have no such token. */
    public boolean revokeToken(long userId, long tokenId) {
        return db.write(h -> h.attach(ApiTokenDao.class).revoke(tokenId, userId)) == 1;
    }

    public void recordAttempt(String login, String ip, Instant at, boolean succeeded) {
        db.write(h -> {
            h.attach(LoginAttemptDao.class).record(login, ip, at, succeeded);
            return null;
        });
    }

    /**
     * Failed sign-ins, counted as a throttle weighs them, read at one moment.
     *
     * @param forPair   failures for this login from this address since {@code since} and since that address last
     *                  signed in to it
     * @param fromIp    failures from this address, any login, since {@code since}
     * @param forLogin  failures for this login from every address since {@code accountSince}
     * @param knownIp   whether this address has ever signed in to this login
     */
    public record Failures(int forPair, int fromIp, int forLogin, boolean knownIp) {
    }

    public Failures failures(String login, String ip, Instant since, Instant accountSince) {
        return db.read(h -> {
            LoginAttemptDao attempts = h.attach(LoginAttemptDao.class);
            return new Failures(attempts.failuresForPair(login, ip, since), attempts.failuresFromIp(ip, since),
                    attempts.failuresForLogin(login, accountSince), attempts.hasSignedInFrom(login, ip));
        });
    }
}
