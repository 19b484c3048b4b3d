package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A worker as the queue page shows it: where it runs, with which sandbox, when it was last seen, what it grades
 * now, and how many runs it recorded lately ({@code recentRuns}) and in all; {@code outOfRotation} says in words why
 * it may not lease jobs (empty while it may).
 */
public record WorkerLine(String name, String host, long pid, String sandbox, Instant startedAt, Instant seenAt,
                         Optional<Instant> stoppedAt, Optional<Long> runningSubmission, int recentRuns, int runs,
                         Optional<String> outOfRotation) {
}
