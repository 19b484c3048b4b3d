package faultline.grader.records;

import faultline.grader.store.QueuedJob;
import faultline.grader.store.WorkerLine;
import java.util.List;

/**
 * The queue at one moment: jobs per state, the first waiting and running jobs, the latest finished, and the
 * workers (on any host) running or seen within the last hour, with their runs over the last {@link
 * CourseRecords#THROUGHPUT_WINDOW}.
 */
public record QueueSnapshot(int queued, int running, int done, int failed, List<QueuedJob> waiting,
                            List<QueuedJob> runningJobs, List<QueuedJob> finished, List<Long> recentDurationsMillis,
                            List<WorkerLine> workers) {
    public QueueSnapshot {
        workers = List.copyOf(workers);
        waiting = List.copyOf(waiting);
        runningJobs = List.copyOf(runningJobs);
        finished = List.copyOf(finished);
        recentDurationsMillis = List.copyOf(recentDurationsMillis);
    }
}
