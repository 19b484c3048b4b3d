package faultline.web.grades;

import faultline.grader.grading.Grader;
import faultline.web.account.Viewer;
import faultline.grader.records.Calibrations;
import faultline.grader.records.CourseRecords;
import faultline.grader.records.QueueSnapshot;
import faultline.grader.store.QueuedJob;
import java.util.List;

/** The queue and workers as staff see them: what waits, what runs and on which worker, what failed, how long. */
public final class QueueOverview {

    /** A worker not seen for this long (three sweeps) is shown as such: killed, or its host cut off. */
    static final java.time.Duration ALIVE = java.time.Duration.ofSeconds(15);
    /** The latest calibrations the queue page lists. */
    static final int CALIBRATIONS_SHOWN = 20;

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
                           List<Worker> hosts, List<Flag> flagged, List<Calibration> calibrations) {
    }

    /**
     * A test calibration flagged: the reference failed it. {@code state} says in words whether its failures count
     * now; {@code evidence} is each failure on the reference (which worker, which seed, what message).
     */
    public record Flag(String lab, String test, String suite, String suiteDigest, java.time.Instant flaggedAt,
                       String state, boolean decided, List<String> evidence) {
    }

    /** One calibration run: a worker graded a lab's reference; how long it took and how it ended. */
    public record Calibration(String host, long pid, String lab, String suite, String took, String verdict,
                              java.time.Instant at) {
    }

    /**
     * One worker on any host: where, in which sandbox, whether it is alive (seen within two sweeps), what it
     * grades now, and its throughput as runs per minute over the grader's throughput window.
     */
    public record Worker(String name, String host, long pid, String sandbox, String state, String grading,
                         String perMinute, int runs, String outOfRotation) {
    }

    public Snapshot now(Viewer viewer) {
        Staff.require(viewer);
        QueueSnapshot q = grader.records().queue(100, 30);
        java.time.Instant now = grader.clock().instant();
        List<Worker> hosts = q.workers().stream().map(w -> new Worker(w.name(), w.host(), w.pid(), w.sandbox(),
                w.stoppedAt().isPresent() ? "stopped"
                        : w.seenAt().isBefore(now.minus(ALIVE)) ? "not seen for " + Times.span(
                                java.time.Duration.between(w.seenAt(), now))
                        : w.outOfRotation().isPresent() ? "out of rotation" : "running",
                w.runningSubmission().map(String::valueOf).orElse(""),
                String.format(java.util.Locale.ROOT, "%.1f", w.recentRuns()
                        / (double) CourseRecords.THROUGHPUT_WINDOW.toMinutes()), w.runs(),
                w.outOfRotation().orElse(""))).toList();
        return new Snapshot(workers, q.queued(), q.running(), q.done(), q.failed(),
                Times.span(QueueClock.typical(q.recentDurationsMillis())), q.waiting(), q.runningJobs(), q.finished(),
                hosts, flagged(), calibrations());
    }

    private List<Flag> flagged() {
        return grader.calibrations().flagged().stream().map(f -> new Flag(f.lab(), f.testId(),
                Calibrations.shortDigest(f.suiteDigest()), f.suiteDigest(), f.flaggedAt(),
                f.decision().map(d -> d == Calibrations.Decision.COUNT
                        ? "counted: " + f.decidedBy().orElse("staff") + " decided the test is sound"
                        : "never counted: " + f.decidedBy().orElse("staff") + " excused it for this suite")
                        .orElse("not counted until staff decide"),
                f.decision().isPresent(),
                f.evidence().stream().map(e -> workerName(e.worker(), e.host()) + ", seed " + e.seed() + ": "
                        + e.status().toLowerCase(java.util.Locale.ROOT) + (e.message().isBlank() ? ""
                        : " — " + e.message().lines().findFirst().orElse(""))).toList())).toList();
    }

    private List<Calibration> calibrations() {
        return grader.calibrations().recent(CALIBRATIONS_SHOWN).stream().map(c -> new Calibration(c.host(),
                faultline.grader.queue.WorkerIdentity.parse(c.worker()).map(faultline.grader.queue.WorkerIdentity::pid)
                        .orElse(0L), c.lab(), Calibrations.shortDigest(c.suiteDigest()),
                Times.span(java.time.Duration.ofMillis(c.elapsedMs())), c.verdict().name().toLowerCase(
                        java.util.Locale.ROOT).replace('_', ' '), c.finishedAt())).toList();
    }

    private static String workerName(String worker, String host) {
        return faultline.grader.queue.WorkerIdentity.parse(worker).map(w -> "worker pid " + w.pid() + " on " + w.host())
                .orElse("worker " + worker + " on " + host);
    }
}
