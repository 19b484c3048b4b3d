package faultline.grader.queue;

import faultline.grader.store.NewRun;

/** Hears about every attempt the workers record, for progress bars and summaries. */
@FunctionalInterface
public interface QueueEvents {
    void recorded(Lease lease, NewRun run, Completion completion);

    static QueueEvents none() {
        return (lease, run, completion) -> { };
    }
}
