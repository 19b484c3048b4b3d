package faultline.grader.scoring;

import java.time.Instant;

/** A graded submission that could count for its lab. */
public record Candidate(long submissionId, long runId, String lab, Instant receivedAt, double rawPoints,
                        double maxPoints) {
}
