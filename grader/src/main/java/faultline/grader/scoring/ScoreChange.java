package faultline.grader.scoring;

import faultline.grader.store.ScoreRow;
import java.util.Optional;

/** A lab grade that changed: what it was (if anything) and what it is now. */
public record ScoreChange(long userId, String lab, Optional<ScoreRow> before, LabGrade after) {

    public double delta() {
        return after.points() - before.map(ScoreRow::points).orElse(0.0);
    }
}
