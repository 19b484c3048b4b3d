package faultline.grader.records;

import faultline.grader.store.ScoreRow;
import faultline.grader.store.SubmissionLine;
import faultline.grader.store.User;
import java.util.List;

/** A person's submissions, newest first, and every score they ever had, current or replaced. */
public record StudentHistory(User user, List<SubmissionLine> submissions, List<ScoreRow> scores) {
    public StudentHistory {
        submissions = List.copyOf(submissions);
        scores = List.copyOf(scores);
    }
}
