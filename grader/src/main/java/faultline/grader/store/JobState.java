package faultline.grader.store;

/** Where a grading job is: waiting, leased by a worker, graded, or given up on after platform failures. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED
}
