package faultline.grader.queue;

import faultline.grader.store.NewRun;

/** Hears about every attempt the workers record, for progress bars and summaries. */
@FunctionalInterface
public interface QueueEvents {
    void recorded(Lease lease, NewRun run, Completion completion);

    /** A worker found itself out of rotation ({@code reason} in words); said once each time it goes out. */
    default void outOfRotation(String worker, String reason) {
    }

    static QueueEvents none() {
        return (lease, run, completion) -> { };
    }
}
