package faultline.grader.store;

import java.time.Instant;

/** One accepted submission: who, which lab, when, and the content hash of its stored sources. */
public record Submission(long id, long userId, String lab, Instant receivedAt, String contentHash, int fileCount,
                         long bytes, int lateDays, LateStatus lateStatus) {
}
