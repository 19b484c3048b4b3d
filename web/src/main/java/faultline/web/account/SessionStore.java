package faultline.web.account;

import faultline.grader.store.Database;
import faultline.grader.store.UserDao;
import faultline.web.data.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Server-side sessions: the browser holds a random secret, the database its hash, the user and a CSRF token. */
public final class SessionStore {

    /** Sessions last a working day and a bit; signing in again is cheap. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final Database db;
    private final Clock clock;
    private final Secrets secrets;

    public SessionStore(Database db, Clock clock, Secrets secrets) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
    }

    public OpenedSession open(Viewer viewer) {
        String secret = secrets.fresh();
        String csrf = secrets.fresh();
        Instant now = clock.instant();
        db.write(h -> {
            SessionDao sessions = h.attach(SessionDao.class);
            sessions.deleteExpired(now);
            sessions.insert(Secrets.hash(secret), viewer.id(), csrf, now, now.plus(LIFETIME));
            return null;
        });
        return new OpenedSession(secret, new SignedIn(viewer, csrf));
    }

    public Optional<SignedIn> find(String cookieSecret) {
        if (cookieSecret.isEmpty() || cookieSecret.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.hash(cookieSecret);
        return db.read(h -> h.attach(SessionDao.class).live(hash, clock.instant())
                .flatMap(s -> h.attach(UserDao.class).byId(s.userId())
                        .map(u -> new SignedIn(Viewer.of(u), s.csrfToken()))));
    }

    public void close(String cookieSecret) {
        db.write(h -> h.attach(SessionDao.class).delete(Secrets.hash(cookieSecret)));
    }
}
