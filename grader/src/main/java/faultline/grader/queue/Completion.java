package faultline.grader.queue;

/** What recording an attempt did to its job. */
public enum Completion {
    /** The attempt is the job's one final result. */
    FINAL,
    /** The platform failed; the job went back to the queue for another try, at no cost to the student. */
    RETRYING,
    /** The platform failed on every allowed try; the job ended with a platform-error result, not charged. */
    GAVE_UP,
    /** The worker no longer held the lease (it expired and another worker took the job); the attempt was kept as non-final. */
    LEASE_LOST
}
