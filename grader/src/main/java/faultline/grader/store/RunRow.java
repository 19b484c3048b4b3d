package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * One grading attempt. {@code sandboxKind} names the kind of sandbox that graded it (as the sandbox calls
 * itself; empty when none ran). {@code phases} is a JSON object of phase name to milliseconds; {@code isFinal}
 * marks the one run that stands as its job's result; {@code suiteDigest} is the lab's hidden suite it was graded with
 * ({@code SuiteCatalog#digest}), empty for runs graded before suites had digests or with a catalog that has none.
 */
public record RunRow(long id, long jobId, long submissionId, int attempt, String worker, Optional<String> sandboxKind,
                     Verdict verdict, String message, boolean isFinal, Instant startedAt, Instant finishedAt,
                     long elapsedMs, String phases, double rawPoints, double maxPoints, String log,
                     boolean logTruncated, Optional<String> suiteDigest) {
}
