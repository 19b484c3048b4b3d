package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/** A request to grade one submission, with the lease of the worker grading it, if any. */
public record GradingJob(long id, long submissionId, JobReason reason, int priority, JobState state, int attempts,
                         int maxAttempts, Optional<String> leaseOwner, Optional<Instant> leaseExpiresAt,
                         Optional<Instant> heartbeatAt, Instant enqueuedAt, Optional<Instant> startedAt,
                         Optional<Instant> finishedAt, Optional<Long> finalRunId) {
}
