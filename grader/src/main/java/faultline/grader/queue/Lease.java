package faultline.grader.queue;

import faultline.grader.store.GradingJob;

/** A worker's hold on one job; every write about the job is conditional on {@code owner} still holding it. */
public record Lease(GradingJob job, String owner) {

    public long jobId() {
        return job.id();
    }

    public long submissionId() {
        return job.submissionId();
    }

    /** 1 for the first try; a retry after a platform failure or a lost worker counts up. */
    public int attempt() {
        return job.attempts();
    }
}
