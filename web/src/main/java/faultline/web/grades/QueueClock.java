package faultline.web.grades;

import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.web.data.DashboardQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Queue position and an estimate of the wait, from the durations of recently finished jobs and the number of
 * workers: a job at position p starts after about ceil(p / workers) typical jobs.
 */
public final class QueueClock {

    /** Assumed when nothing has been graded yet, so the first estimate is not zero. */
    static final Duration NO_HISTORY = Duration.ofSeconds(30);

    private final Database db;
    private final Clock clock;
    private final int workers;

    public QueueClock(Database db, Clock clock, int workers) {
        this.db = db;
        this.clock = clock;
        this.workers = Math.max(1, workers);
    }

    public Duration typicalJob() {
        return db.read(this::typicalJob);
    }

    private Duration typicalJob(org.jdbi.v3.core.Handle h) {
        List<Long> recent = new ArrayList<>(h.attach(DashboardQueries.class).recentDurationsMillis(50));
        if (recent.isEmpty()) {
            return NO_HISTORY;
        }
        Collections.sort(recent);
        return Duration.ofMillis(recent.get(recent.size() / 2));
    }

    public Progress progressOf(long submissionId) {
        return db.read(h -> progressOf(h, submissionId));
    }

    /** As {@link #progressOf(long)}, on the caller's connection. */
    public Progress progressOf(org.jdbi.v3.core.Handle h, long submissionId) {
        List<GradingJob> jobs = h.attach(JobDao.class).ofSubmission(submissionId);
        if (jobs.isEmpty()) {
            return new Progress("FAILED", 0, 0, "This submission was never queued for grading. Ask the course staff "
                    + "to regrade it.");
        }
        GradingJob job = jobs.get(jobs.size() - 1);
        Duration typical = typicalJob(h);
        return switch (job.state()) {
            case QUEUED -> {
                int position = h.attach(DashboardQueries.class).jobsAhead(job.id()) + 1;
                long rounds = (position + workers - 1) / workers;
                Duration wait = typical.multipliedBy(rounds);
                yield new Progress("QUEUED", position, wait.toSeconds(), "Queued: position " + position
                        + " in line; grading should start in about " + Times.span(wait) + " (a typical job takes "
                        + Times.span(typical) + ")." + (job.attempts() > 0 ? " The grader had trouble with an earlier "
                        + "try; this does not count against you." : ""));
            }
            case RUNNING -> {
                Duration running = Duration.between(job.startedAt().orElse(job.enqueuedAt()), clock.instant());
                Duration left = typical.minus(running).isNegative() ? Duration.ZERO : typical.minus(running);
                yield new Progress("RUNNING", 0, left.toSeconds(), "Running for " + Times.span(running)
                        + "; a typical job takes " + Times.span(typical) + ".");
            }
            case DONE -> new Progress("DONE", 0, 0, "Grading has finished; the results are below.");
            case FAILED -> new Progress("FAILED", 0, 0, "The grader could not grade this submission because of a "
                    + "platform problem. It does not count against you; the course staff can regrade it.");
        };
    }
}
