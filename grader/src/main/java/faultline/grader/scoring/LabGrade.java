package faultline.grader.scoring;

/**
 * A student's grade for one lab.
 *
 * @param lateDays   whole days (rounded up) past the student's due date
 * @param graceDays  of those, how many the late-day budget covered
 * @param penaltyPct the percentage taken off for the rest (100 past the hard end)
 * @param points     what counts, out of {@code labPoints}
 */
public record LabGrade(String lab, Candidate counted, int lateDays, int graceDays, double penaltyPct, double points,
                       double labPoints) {
}
