package faultline.web.grades;

import faultline.grader.records.JobStanding;
import faultline.grader.store.GradingJob;
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

    private final Clock clock;
    private final int workers;

    public QueueClock(Clock clock, int workers) {
        this.clock = clock;
        this.workers = Math.max(1, workers);
    }

    /** The median of recent jobs' durations (milliseconds), or {@link #NO_HISTORY} when there are none. */
    public static Duration typical(List<Long> recentMillis) {
        if (recentMillis.isEmpty()) {
            return NO_HISTORY;
        }
        List<Long> sorted = new ArrayList<>(recentMillis);
        Collections.sort(sorted);
        return Duration.ofMillis(sorted.get(sorted.size() / 2));
    }

    /** Where a submission's grading stands and how long it should take, in a sentence for its student. */
    public Progress progressOf(JobStanding standing) {
        if (standing.latestJob().isEmpty()) {
            return new Progress("FAILED", 0, 0, "This submission was never queued for grading. Ask the course staff "
                    + "to regrade it.");
        }
        GradingJob job = standing.latestJob().get();
        Duration typical = typical(standing.recentDurationsMillis());
        return switch (job.state()) {
            case QUEUED -> {
                int position = standing.jobsAhead() + 1;
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
