package faultline.web.grades;

import faultline.grader.grading.Grader;
import faultline.web.account.Viewer;
import faultline.web.data.DashboardQueries;
import faultline.web.data.QueuedJob;
import java.util.List;

/** The queue and workers as staff see them: what waits, what runs and on which worker, what failed, how long. */
public final class QueueOverview {

    private final Grader grader;
    private final QueueClock clock;
    private final int workers;

    public QueueOverview(Grader grader, QueueClock clock, int workers) {
        this.grader = grader;
        this.clock = clock;
        this.workers = workers;
    }

    public record Snapshot(int workers, int queued, int running, int done, int failed, String typicalJob,
                           List<QueuedJob> waiting, List<QueuedJob> runningJobs, List<QueuedJob> finished) {
    }

    public Snapshot now(Viewer viewer) {
        Staff.require(viewer);
        return grader.db().read(h -> {
            DashboardQueries q = h.attach(DashboardQueries.class);
            return new Snapshot(workers, q.countIn("QUEUED"), q.countIn("RUNNING"), q.countIn("DONE"),
                    q.countIn("FAILED"), Times.span(clock.typicalJob()), q.jobsIn("QUEUED", 100),
                    q.jobsIn("RUNNING", 100), q.recentlyFinished(30));
        });
    }
}
