package faultline.grader.store;

import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;

/** A runner's test result on its way into {@code test_results}; accessors are what the insert binds. */
public record NewTestResult(String testId, String className, String method, String displayName, String description,
                            String category, int maxPoints, long seed, TestStatus status, long durationMs,
                            String message, String replay, String output, boolean outputTruncated,
                            String traceFileOrNull) {

    public static NewTestResult of(TestResult r) {
        return new NewTestResult(r.id(), r.className(), r.method(), r.displayName(), r.description(), r.category(),
                r.maxPoints(), r.seed(), r.status(), r.durationMillis(), r.message(), r.replay(), r.output(),
                r.outputTruncated(), r.traceFile().orElse(null));
    }
}
