package faultline.grader.store;

/** When a submission arrived relative to its lab's (possibly extended) deadlines. */
public enum LateStatus {
    ON_TIME, LATE, AFTER_HARD_END
}
