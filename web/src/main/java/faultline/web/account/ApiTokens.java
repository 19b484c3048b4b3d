package faultline.web.account;

import faultline.grader.records.SignInRecords;
import faultline.grader.store.ApiTokenRow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Bearer tokens for the JSON API, stored as hashes; a token acts as its owner with the owner's role. */
public final class ApiTokens {

    /** Tokens start with this so a leaked one is recognisable in logs and secret scanners. */
    public static final String PREFIX = "flt_";

    private final SignInRecords records;
    private final Clock clock;
    private final Secrets secrets;

    public ApiTokens(SignInRecords records, Clock clock, Secrets secrets) {
        this.records = records;
        this.clock = clock;
        this.secrets = secrets;
    }

    public IssuedToken issue(Viewer owner, String label) {
        String cleanLabel = label.isBlank() ? "command line" : label.strip();
        if (cleanLabel.length() > 80) {
            throw new IllegalArgumentException("A token label has at most 80 characters; shorten it.");
        }
        String token = PREFIX + secrets.fresh();
        long id = records.issueToken(owner.id(), cleanLabel, Secrets.hash(token), clock.instant());
        return new IssuedToken(id, cleanLabel, token);
    }

    public Optional<Viewer> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.hash(token);
        return records.useToken(hash, clock.instant()).map(Viewer::of);
    }

    public List<ApiTokenRow> of(Viewer owner) {
        return records.tokensOf(owner.id());
    }

    public boolean revoke(Viewer owner, long id) {
        return records.revokeToken(owner.id(), id);
    }
}
