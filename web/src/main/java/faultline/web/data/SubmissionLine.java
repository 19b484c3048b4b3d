package faultline.web.data;

import java.time.Instant;
import java.util.Optional;

/**
 * A submission with the state of its latest grading job and, once graded, the standing run's points.
 * {@code jobState} is empty only for a submission that has no job at all.
 */
public record SubmissionLine(long id, long userId, String login, String lab, Instant receivedAt, int lateDays,
                             String lateStatus, Optional<String> jobState, Optional<String> verdict,
                             Optional<Double> rawPoints, Optional<Double> maxPoints) {

    /** The same line without its points, for a student while some test of its run is not released. */
    public SubmissionLine withPointsWithheld() {
        return new SubmissionLine(id, userId, login, lab, receivedAt, lateDays, lateStatus, jobState, verdict,
                Optional.empty(), Optional.empty());
    }
}
