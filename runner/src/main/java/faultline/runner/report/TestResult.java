package faultline.runner.report;

import java.util.Optional;

/**
 * One test on one seed. {@code maxPoints} is the test's whole worth; a test run over n seeds earns
 * {@code maxPoints / n} for each seed it passes.
 *
 * @param id         {@code ClassName#method}, stable across runs
 * @param replay     the command that runs exactly this test on exactly this seed again
 * @param output     what the test printed, capped; {@code outputTruncated} says whether it was cut
 * @param traceFile  the trace artifact (relative to the results file) written for a failure
 */
public record TestResult(
        String id,
        String className,
        String method,
        String displayName,
        String description,
        String category,
        int maxPoints,
        long seed,
        TestStatus status,
        long durationMillis,
        String message,
        String replay,
        String output,
        boolean outputTruncated,
        Optional<String> traceFile) {
}
