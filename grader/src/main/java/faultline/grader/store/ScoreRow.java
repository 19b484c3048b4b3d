package faultline.grader.store;

import java.time.Instant;

/**
 * A student's grade for a lab at one moment. {@code points} is after the late penalty, out of
 * {@code labPoints}; {@code rawPoints} of {@code maxPoints} is what the tests gave. Only the latest row
 * is {@code current}; earlier ones are the history.
 */
public record ScoreRow(long id, long userId, String lab, long submissionId, long runId, double rawPoints,
                       double maxPoints, int lateDays, int graceDays, double penaltyPct, double points,
                       double labPoints, String policy, String reason, Instant computedAt, boolean current) {
}
