package faultline.grader.records;

import faultline.grader.store.ScoreRow;
import faultline.grader.store.TestPassRate;
import java.util.List;

/** A lab's current grades and, per test, how often it passed over the lab's graded runs. */
public record LabFigures(String lab, List<ScoreRow> currentScores, List<TestPassRate> tests) {
    public LabFigures {
        currentScores = List.copyOf(currentScores);
        tests = List.copyOf(tests);
    }
}
