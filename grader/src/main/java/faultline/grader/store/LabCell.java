package faultline.grader.store;

/**
 * One student's submissions to one lab, summarised: how many, and the best and latest graded fraction of the
 * tests' points (0..1, or -1 when nothing is graded yet).
 */
public record LabCell(long userId, String lab, int submissions, double bestFraction, double latestFraction,
                      int latestLateDays) {
}
