package faultline.grader.store;

import java.time.Instant;

/**
 * A queued job as the lease order sees it: how urgent, whose, when it was queued, and when its student last had a
 * job leased ({@link Instant#EPOCH} if never).
 */
public record QueuedTurn(long jobId, int priority, long userId, Instant enqueuedAt, Instant lastLeased) {
}
