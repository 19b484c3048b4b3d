package faultline.grader.store;

/** Why a job exists; new submissions are graded before regrades. */
public enum JobReason {
    SUBMISSION(0), REGRADE(10);

    private final int priority;

    JobReason(int priority) {
        this.priority = priority;
    }

    /** Lower runs sooner. */
    public int priority() {
        return priority;
    }
}
