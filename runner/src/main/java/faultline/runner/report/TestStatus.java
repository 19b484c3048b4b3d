package faultline.runner.report;

/** How one test ended on one seed. */
public enum TestStatus {
    PASSED, FAILED, ERRORED, TIMED_OUT, SKIPPED
}
