package faultline.grader.queue;

import faultline.grader.store.GradingJob;
import org.jdbi.v3.core.Handle;

/** Runs inside the transaction that records a job's final result, so what follows from it (a score) commits with it. */
@FunctionalInterface
public interface FinalResultListener {
    void onFinal(Handle handle, GradingJob job, long runId);

    static FinalResultListener none() {
        return (handle, job, runId) -> { };
    }
}
