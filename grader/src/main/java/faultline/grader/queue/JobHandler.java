package faultline.grader.queue;

import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.NewRun;

/**
 * Grades one leased job and says what happened as a run. Whatever the submission does is a run with its
 * verdict; only the platform's own trouble is thrown, and the queue turns it into a retry.
 */
public interface JobHandler extends AutoCloseable {

    NewRun grade(Lease lease, String worker) throws SandboxUnavailableException;

    @Override
    default void close() {
    }
}
