package faultline.grader.grading;

import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import java.util.List;
import java.util.Optional;

/** The one rule for which submission of a student a regrade takes; the CLI and the dashboard both ask here. */
public final class Regrade {

    /** Which submission of each student: the newest, or the one the student's current grade stands on. */
    public enum Which { LATEST, BEST }

    private Regrade() {
    }

    /**
     * The submission to regrade, from a student's submissions to the lab (oldest first) and their current grade
     * for it: {@link Which#BEST} takes the submission the current grade stands on (the grade already is the best
     * under the late policy), and falls back to the newest when nothing is graded yet.
     */
    public static Optional<Long> pick(List<Submission> submissions, Optional<ScoreRow> current, Which which) {
        if (submissions.isEmpty()) {
            return Optional.empty();
        }
        if (which == Which.BEST && current.isPresent()) {
            return Optional.of(current.get().submissionId());
        }
        return Optional.of(submissions.get(submissions.size() - 1).id());
    }
}
