package faultline.grader.store;

import java.time.Instant;

/** One line of the append-only audit log: who did what to what. */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {
}
