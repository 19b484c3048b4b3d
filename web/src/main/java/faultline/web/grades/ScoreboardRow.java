package faultline.web.grades;

import java.util.List;

/** One student's line on the scoreboard: a cell per lab, in course order, and the total of current grades. */
public record ScoreboardRow(long userId, String login, String name, List<Cell> cells, double total) {

    public ScoreboardRow {
        cells = List.copyOf(cells);
    }

    /**
     * One lab: {@code grade} counts (after the late policy); best and latest are the tests' fraction as a
     * percentage, -1 when nothing is graded; {@code late} marks a counted grade that used late days.
     */
    public record Cell(String lab, int submissions, double grade, boolean graded, int best, int latest,
                       int lateDays, boolean late) {
    }
}
