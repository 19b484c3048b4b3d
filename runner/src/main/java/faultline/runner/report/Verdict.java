package faultline.runner.report;

/**
 * How a whole grading run ended. Only {@link #COMPLETED} means the suite ran and its per-test
 * results stand; every other verdict is its own clear outcome, never a pass and never a silent zero.
 */
public enum Verdict {
    /** The suite ran; see the per-test results. */
    COMPLETED,
    /** The submission does not compile; diagnostics say where. */
    COMPILE_ERROR,
    /** The submission uses an API lab code may not use; diagnostics say where. */
    API_VIOLATION,
    /** The run passed its wall-clock deadline and was stopped. */
    TIMEOUT,
    /** The run was killed for using more memory than its limit. */
    OUT_OF_MEMORY,
    /** The JVM exited before the runner wrote its results (student code ended the process). */
    JVM_EXIT,
    /** The runner left no results file, or an unreadable one. */
    MISSING_RESULTS,
    /**
     * The run was asked for one test (a replay) that the lab's suite does not have; the message lists the
     * tests it has. A grading run never asks for one test, so no submission is ever graded with this verdict.
     */
    NO_SUCH_TEST,
    /** The sandbox itself failed (the platform's fault, not the student's): the job is retried. */
    PLATFORM_ERROR
}
