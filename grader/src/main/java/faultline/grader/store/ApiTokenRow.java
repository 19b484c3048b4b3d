package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/** An API token as stored: its hash, never the token itself. */
public record ApiTokenRow(long id, long userId, String label, String tokenHash, Instant createdAt,
                          Optional<Instant> lastUsedAt, boolean revoked) {
}
