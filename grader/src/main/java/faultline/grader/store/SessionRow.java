package faultline.grader.store;

import java.time.Instant;

/** A stored browser session: whose it is, its CSRF token and when it ends. */
public record SessionRow(String secretHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {
}
