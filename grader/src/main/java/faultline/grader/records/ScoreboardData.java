package faultline.grader.records;

import faultline.grader.store.LabCell;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.User;
import java.util.List;

/**
 * What a scoreboard is built from, read at one moment: the students, every current grade, and per student and
 * lab the submission count with the best and latest graded fraction.
 *
 * @param version changes whenever any of the rest may have
 */
public record ScoreboardData(String version, List<User> students, List<ScoreRow> currentScores, List<LabCell> cells) {
    public ScoreboardData {
        students = List.copyOf(students);
        currentScores = List.copyOf(currentScores);
        cells = List.copyOf(cells);
    }
}
