package faultline.grader.cli;

/** What {@code faultline} exits with; scripts branch on these. */
public enum ExitCode {
    /** Done; for grade, every test passed on every seed. */
    OK(0),
    /** Graded, but some tests failed on some seeds. */
    TESTS_FAILED(1),
    /** The submission or the request was refused (bad archive, bad arguments, compile error, API violation, timeout...). */
    SUBMISSION_ERROR(2),
    /** The platform could not grade (no sandbox, database trouble); not the student's fault. */
    PLATFORM_TROUBLE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
