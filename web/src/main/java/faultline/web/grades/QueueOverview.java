package faultline.web.grades;

import faultline.grader.grading.Grader;
import faultline.web.account.Viewer;
import faultline.grader.records.CourseRecords;
import faultline.grader.records.QueueSnapshot;
import faultline.grader.store.QueuedJob;
import java.util.List;

/** The queue and workers as staff see them: what waits, what runs and on which worker, what failed, how long. */
public final class QueueOverview {

    /** A worker not seen for this long (three sweeps) is shown as such: killed, or its host cut off. */
    static final java.time.Duration ALIVE = java.time.Duration.ofSeconds(15);

    private final Grader grader;
    private final QueueClock clock;
    private final int workers;

    public QueueOverview(Grader grader, QueueClock clock, int workers) {
        this.grader = grader;
        this.clock = clock;
        this.workers = workers;
    }

    public record Snapshot(int workers, int queued, int running, int done, int failed, String typicalJob,
                           List<QueuedJob> waiting, List<QueuedJob> runningJobs, List<QueuedJob> finished,
                           List<Worker> hosts) {
    }

    /**
     * One worker on any host: where, in which sandbox, whether it is alive (seen within two sweeps), what it
     * grades now, and its throughput as runs per minute over the grader's throughput window.
     */
    public record Worker(String name, String host, long pid, String sandbox, String state, String grading,
                         String perMinute, int runs) {
    }

    public Snapshot now(Viewer viewer) {
        Staff.require(viewer);
        QueueSnapshot q = grader.records().queue(100, 30);
        java.time.Instant now = grader.clock().instant();
        List<Worker> hosts = q.workers().stream().map(w -> new Worker(w.name(), w.host(), w.pid(), w.sandbox(),
                w.stoppedAt().isPresent() ? "stopped"
                        : w.seenAt().isBefore(now.minus(ALIVE)) ? "not seen for " + Times.span(
                                java.time.Duration.between(w.seenAt(), now)) : "running",
                w.runningSubmission().map(String::valueOf).orElse(""),
                String.format(java.util.Locale.ROOT, "%.1f", w.recentRuns()
                        / (double) CourseRecords.THROUGHPUT_WINDOW.toMinutes()), w.runs())).toList();
        return new Snapshot(workers, q.queued(), q.running(), q.done(), q.failed(),
                Times.span(QueueClock.typical(q.recentDurationsMillis())), q.waiting(), q.runningJobs(), q.finished(),
                hosts);
    }
}
