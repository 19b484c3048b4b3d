package faultline.grader.store;

import faultline.runner.report.TestStatus;
import java.util.Optional;

/** One test on one seed within a run, as stored. */
public record TestResultRow(long id, long runId, String testId, String className, String method, String displayName,
                            String description, String category, int maxPoints, long seed, TestStatus status,
                            long durationMs, String message, String replay, String output, boolean outputTruncated,
                            Optional<String> traceFile) {
}
