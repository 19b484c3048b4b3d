package faultline.web.account;

import faultline.grader.records.SignInRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Server-side sessions: the browser holds a random secret, the database its hash, the user and a CSRF token. */
public final class SessionStore {

    /** Sessions last a working day and a bit; signing in again is cheap. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final SignInRecords records;
    private final Clock clock;
    private final Secrets secrets;

    public SessionStore(SignInRecords records, Clock clock, Secrets secrets) {
        this.records = records;
        this.clock = clock;
        this.secrets = secrets;
    }

    public OpenedSession open(Viewer viewer) {
        String secret = secrets.fresh();
        String csrf = secrets.fresh();
        Instant now = clock.instant();
        records.openSession(Secrets.hash(secret), viewer.id(), csrf, now, now.plus(LIFETIME));
        return new OpenedSession(secret, new SignedIn(viewer, csrf));
    }

    public Optional<SignedIn> find(String cookieSecret) {
        if (cookieSecret.isEmpty() || cookieSecret.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.hash(cookieSecret);
        return records.liveSession(hash, clock.instant()).map(s -> new SignedIn(Viewer.of(s.user()), s.csrfToken()));
    }

    public void close(String cookieSecret) {
        records.closeSession(Secrets.hash(cookieSecret));
    }
}
