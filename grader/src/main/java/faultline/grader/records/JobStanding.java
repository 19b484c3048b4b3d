package faultline.grader.records;

import faultline.grader.store.GradingJob;
import java.util.List;
import java.util.Optional;

/**
 * Where a submission's latest job stands: the job (empty if it was never queued), how many queued jobs workers
 * will take before it, and how long recent jobs took (milliseconds, newest first) to estimate the wait from.
 */
public record JobStanding(Optional<GradingJob> latestJob, int jobsAhead, List<Long> recentDurationsMillis) {

    public static final JobStanding NONE = new JobStanding(Optional.empty(), 0, List.of());

    public JobStanding {
        recentDurationsMillis = List.copyOf(recentDurationsMillis);
    }
}
