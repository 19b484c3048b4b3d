package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/** A job as the queue page shows it. */
public record QueuedJob(long id, long submissionId, String login, String lab, String reason, String state,
                        int attempts, Optional<String> leaseOwner, Instant enqueuedAt, Optional<Instant> startedAt,
                        Optional<Instant> finishedAt, Optional<String> verdict, Optional<String> message) {
}
