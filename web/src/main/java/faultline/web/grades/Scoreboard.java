package faultline.web.grades;

import faultline.grader.course.LabConfig;
import faultline.grader.export.CsvGradebook;
import faultline.grader.grading.Grader;
import faultline.grader.records.ScoreboardData;
import faultline.grader.store.LabCell;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.SubmissionLine;
import faultline.grader.store.User;
import faultline.web.account.Viewer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Students by labs for staff: current grade, best and latest, late marks; sortable, filterable, as CSV. */
public final class Scoreboard {

    private final Grader grader;

    public Scoreboard(Grader grader) {
        this.grader = grader;
    }

    public List<String> labs() {
        return grader.course().labs().stream().map(LabConfig::name).toList();
    }

    /** Rows of the board, filtered and sorted, and the data version they were read at. */
    public record Table(String version, List<ScoreboardRow> rows) {
    }

    /**
     * @param filter part of a login or name, case-insensitive; empty for everyone
     * @param sort   "login", "total", or a lab name (by that lab's grade); highest first for numbers
     */
    public List<ScoreboardRow> rows(Viewer viewer, String filter, String sort) {
        return table(viewer, filter, sort).rows();
    }

    /** As {@link #rows}, with the version of the data, so a caller can cache what it makes of them. */
    public Table table(Viewer viewer, String filter, String sort) {
        Staff.require(viewer);
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        Built known = cache.get();
        Built current = grader.records().scoreboardIfChanged(known == null ? "" : known.version())
                .map(data -> {
                    Built fresh = new Built(data.version(), build(data));
                    cache.set(fresh);
                    return fresh;
                }).orElse(known);
        List<ScoreboardRow> rows = new ArrayList<>(current.rows());
        if (!needle.isEmpty()) {
            rows.removeIf(r -> !r.login().contains(needle) && !r.name().toLowerCase(Locale.ROOT).contains(needle));
        }
        Comparator<ScoreboardRow> order = Comparator.comparing(ScoreboardRow::login);
        if (sort.equals("total")) {
            order = Comparator.comparingDouble(ScoreboardRow::total).reversed().thenComparing(order);
        } else if (labs().contains(sort)) {
            int index = labs().indexOf(sort);
            order = Comparator.comparingDouble((ScoreboardRow r) -> r.cells().get(index).grade()).reversed()
                    .thenComparing(order);
        }
        rows.sort(order);
        return new Table(current.version(), rows);
    }

    /** The whole board as last built, and the data version it was built from. */
    private record Built(String version, List<ScoreboardRow> rows) {
    }

    private final java.util.concurrent.atomic.AtomicReference<Built> cache = new java.util.concurrent.atomic.AtomicReference<>();

    private List<ScoreboardRow> build(ScoreboardData data) {
        List<User> students = data.students();
        Map<String, ScoreRow> current = new HashMap<>();
        for (ScoreRow s : data.currentScores()) {
            current.put(s.userId() + "/" + s.lab(), s);
        }
        Map<String, LabCell> cells = new HashMap<>();
        for (LabCell c : data.cells()) {
            cells.put(c.userId() + "/" + c.lab(), c);
        }
        List<ScoreboardRow> rows = new ArrayList<>();
        for (User u : students) {
            List<ScoreboardRow.Cell> row = new ArrayList<>();
            double total = 0;
            for (LabConfig lab : grader.course().labs()) {
                String key = u.id() + "/" + lab.name();
                ScoreRow s = current.get(key);
                LabCell c = cells.get(key);
                double grade = s == null ? 0 : s.points();
                total += grade;
                row.add(new ScoreboardRow.Cell(lab.name(), c == null ? 0 : c.submissions(), grade, s != null,
                        c == null ? -1 : percent(c.bestFraction()), c == null ? -1 : percent(c.latestFraction()),
                        s == null ? 0 : s.lateDays(), s != null && s.lateDays() > 0));
            }
            rows.add(new ScoreboardRow(u.id(), u.login(), u.name(), row, Submissions.round2(total)));
        }
        return List.copyOf(rows);
    }

    /**
     * The board's students, filtered and sorted as on the page, as the grader's gradebook CSV: {@code format} is
     * "canvas" or "moodle" for those systems' grade import, anything else for Faultline's own shape (the CLI's too).
     */
    public String csv(Viewer viewer, String filter, String sort, String format) {
        List<ScoreboardRow> rows = rows(viewer, filter, sort);
        ScoreboardData data = grader.records().scoreboardIfChanged("").orElseThrow();
        Map<Long, User> students = new HashMap<>();
        data.students().forEach(u -> students.put(u.id(), u));
        List<User> listed = rows.stream().map(r -> students.get(r.userId())).filter(java.util.Objects::nonNull)
                .toList();
        CsvGradebook book = new CsvGradebook(grader.course().labs(), data);
        return switch (format) {
            case "canvas" -> book.canvas(listed);
            case "moodle" -> book.moodle(listed);
            default -> book.faultline(listed);
        };
    }

    /** One student's submissions, newest first, for staff. */
    public StudentHistory history(Viewer viewer, String login) {
        Staff.require(viewer);
        faultline.grader.records.StudentHistory found = grader.records().history(login, labs())
                .orElseThrow(() -> new NotFoundException("There is no user '" + login + "'."));
        User user = found.user();
        return new StudentHistory(user.login(), user.name(), user.role().name(), found.submissions(), found.scores());
    }

    /** A student's submissions and every score they ever had, current or replaced. */
    public record StudentHistory(String login, String name, String role, List<SubmissionLine> submissions,
                                 List<ScoreRow> scores) {
    }

    private static int percent(double fraction) {
        return fraction < 0 ? -1 : (int) Math.round(fraction * 100);
    }
}
