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
}
