package faultline.grader.records;

import java.time.Instant;
import java.util.List;

/**
 * A lab grade that changed without the student submitting: a regrade, a rescore under a changed policy, a test
 * excused or counted again. What a student is told about it: from what to what, when, the recorded reason, and
 * each change behind it in a sentence ("PingPongSuite#overRealTcp passed on 2 of 3 seeds, was 3 of 3: -3.33 points").
 * A change about one test names it and its category, so a page can leave out tests whose results are not released.
 *
 * @param beforeSubmissionId the submission the grade counted before
 * @param afterSubmissionId  the submission it counts now
 */
public record ScoreNotice(String lab, double before, double after, double labPoints, Instant at, String reason,
                          long beforeSubmissionId, long afterSubmissionId, List<Change> changes) {

    public ScoreNotice {
        changes = List.copyOf(changes);
    }

    /** One change behind the new grade; {@code testId} and {@code category} are empty unless it is about one test. */
    public record Change(String testId, String category, String text) {

        static Change general(String text) {
            return new Change("", "", text);
        }

        public boolean aboutTest() {
            return !testId.isEmpty();
        }
    }

    public double delta() {
        return after - before;
    }

    /** Whether the notice concerns {@code submissionId}, as the grade's submission before or after. */
    public boolean concerns(long submissionId) {
        return beforeSubmissionId == submissionId || afterSubmissionId == submissionId;
    }
}
