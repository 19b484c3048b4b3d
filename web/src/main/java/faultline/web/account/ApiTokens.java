package faultline.web.account;

import faultline.grader.store.Database;
import faultline.grader.store.UserDao;
import faultline.web.data.ApiTokenDao;
import faultline.web.data.ApiTokenRow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Bearer tokens for the JSON API, stored as hashes; a token acts as its owner with the owner's role. */
public final class ApiTokens {

    /** Tokens start with this so a leaked one is recognisable in logs and secret scanners. */
    public static final String PREFIX = "flt_";

    private final Database db;
    private final Clock clock;
    private final Secrets secrets;

    public ApiTokens(Database db, Clock clock, Secrets secrets) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
    }

    public IssuedToken issue(Viewer owner, String label) {
        String cleanLabel = label.isBlank() ? "command line" : label.strip();
        if (cleanLabel.length() > 80) {
            throw new IllegalArgumentException("A token label has at most 80 characters; shorten it.");
        }
        String token = PREFIX + secrets.fresh();
        long id = db.write(h -> h.attach(ApiTokenDao.class).insert(owner.id(), cleanLabel, Secrets.hash(token),
                clock.instant()));
        return new IssuedToken(id, cleanLabel, token);
    }

    public Optional<Viewer> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        Optional<ApiTokenRow> row = db.read(h -> h.attach(ApiTokenDao.class).active(hash));
        row.ifPresent(r -> db.write(h -> {
            h.attach(ApiTokenDao.class).touch(r.id(), clock.instant());
            return null;
        }));
        return row.flatMap(r -> db.read(h -> h.attach(UserDao.class).byId(r.userId())).map(Viewer::of));
    }

    public List<ApiTokenRow> of(Viewer owner) {
        return db.read(h -> h.attach(ApiTokenDao.class).of(owner.id()));
    }

    public boolean revoke(Viewer owner, long id) {
        return db.write(h -> h.attach(ApiTokenDao.class).revoke(id, owner.id())) == 1;
    }
}
