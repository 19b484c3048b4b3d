package faultline.grader.queue;

import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.NewRun;

/**
 * Grades one leased job and says what happened as a run. Whatever the submission does is a run with its
 * verdict; only the platform's own trouble is thrown, and the queue turns it into a retry.
 */
public interface JobHandler extends AutoCloseable {

    NewRun grade(Lease lease, String worker) throws SandboxUnavailableException;

    /**
     * Called before each lease: grades the labs' references through this handler's sandbox when this worker has not
     * calibrated them with their current suites yet (at start, and after a suite changed). It records what it found
     * (which may take the worker out of rotation) and never throws for a failed run. Nothing by default.
     */
    default void calibrate(String worker) {
    }

    @Override
    default void close() {
    }
}
