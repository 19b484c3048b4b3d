package faultline.grader.export;

import faultline.grader.course.LabConfig;
import faultline.grader.records.ScoreboardData;
import faultline.grader.store.LabCell;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The course's gradebook as CSV, in the three shapes it is read in: Faultline's own (what the CLI's export and the
 * dashboard's scoreboard download both write), Canvas's gradebook import and Moodle's CSV grade import. Every shape
 * has one row per student and one grade per lab: the current grade, after late penalties, out of the lab's points.
 */
public final class CsvGradebook {

    /** The columns before the labs' in a Canvas gradebook import file, as Canvas's own gradebook export writes them. */
    public static final List<String> CANVAS_STUDENT_COLUMNS = List.of("Student", "ID", "SIS User ID", "SIS Login ID",
            "Section");
    /** The columns before the labs' in the Moodle file: the identifiers its import can map a user from. */
    public static final List<String> MOODLE_STUDENT_COLUMNS = List.of("Username", "Email address", "Full name");

    private final List<LabConfig> labs;
    private final Map<String, ScoreRow> current = new TreeMap<>();
    private final Map<String, LabCell> cells = new TreeMap<>();

    /** The gradebook of {@code labs} as {@code data} holds it. */
    public CsvGradebook(List<LabConfig> labs, ScoreboardData data) {
        this.labs = List.copyOf(labs);
        data.currentScores().forEach(s -> current.put(s.userId() + "/" + s.lab(), s));
        data.cells().forEach(c -> cells.put(c.userId() + "/" + c.lab(), c));
    }

    /**
     * Faultline's shape, one row per student in the order given: login, name and email, then for each lab its grade,
     * the best and latest graded percentage of the tests' points, the late days counted and the submissions made,
     * then the total of the grades.
     */
    public String faultline(List<User> students) {
        List<String> header = new ArrayList<>(List.of("login", "name", "email"));
        for (LabConfig lab : labs) {
            header.addAll(List.of(lab.name(), lab.name() + "_best_pct", lab.name() + "_latest_pct",
                    lab.name() + "_late_days", lab.name() + "_submissions"));
        }
        header.add("total");
        StringBuilder out = line(new StringBuilder(), header);
        for (User u : students) {
            List<String> row = new ArrayList<>(List.of(u.login(), u.name(), u.email()));
            for (LabConfig lab : labs) {
                ScoreRow s = current.get(u.id() + "/" + lab.name());
                LabCell c = cells.get(u.id() + "/" + lab.name());
                row.add(s == null ? "" : points(s.points()));
                row.add(c == null || c.bestFraction() < 0 ? "" : percent(c.bestFraction()));
                row.add(c == null || c.latestFraction() < 0 ? "" : percent(c.latestFraction()));
                row.add(s == null ? "0" : String.valueOf(s.lateDays()));
                row.add(c == null ? "0" : String.valueOf(c.submissions()));
            }
            row.add(points(total(u)));
            line(out, row);
        }
        return out.toString();
    }

    /**
     * Canvas's gradebook import: Student (as "Last, First" is not known, the full name), ID (Canvas's own, left
     * empty), SIS User ID (empty), SIS Login ID (the login, which Canvas matches when the course's logins are the
     * institution's), Section (empty), then one column per lab named by its title, which Canvas matches to an
     * assignment of that name or creates. The second row gives each lab's points possible, as Canvas's export does.
     */
    public String canvas(List<User> students) {
        List<String> header = new ArrayList<>(CANVAS_STUDENT_COLUMNS);
        labs.forEach(lab -> header.add(lab.title()));
        StringBuilder out = line(new StringBuilder(), header);
        List<String> possible = new ArrayList<>(List.of("    Points Possible", "", "", "", ""));
        labs.forEach(lab -> possible.add(points(lab.points())));
        line(out, possible);
        for (User u : students) {
            List<String> row = new ArrayList<>(List.of(u.name(), "", "", u.login(), ""));
            row.addAll(grades(u));
            line(out, row);
        }
        return out.toString();
    }

    /**
     * Moodle's CSV grade import: the identifiers Moodle can map a user from (map "Username" to username or
     * "Email address" to email address), then one column per lab named by its title, mapped to a grade item. An
     * ungraded lab is left empty, which Moodle's import skips rather than recording a zero.
     */
    public String moodle(List<User> students) {
        List<String> header = new ArrayList<>(MOODLE_STUDENT_COLUMNS);
        labs.forEach(lab -> header.add(lab.title()));
        StringBuilder out = line(new StringBuilder(), header);
        for (User u : students) {
            List<String> row = new ArrayList<>(List.of(u.login(), u.email(), u.name()));
            row.addAll(grades(u));
            line(out, row);
        }
        return out.toString();
    }

    private List<String> grades(User u) {
        List<String> grades = new ArrayList<>();
        for (LabConfig lab : labs) {
            ScoreRow s = current.get(u.id() + "/" + lab.name());
            grades.add(s == null ? "" : points(s.points()));
        }
        return grades;
    }

    private double total(User u) {
        double total = 0;
        for (LabConfig lab : labs) {
            ScoreRow s = current.get(u.id() + "/" + lab.name());
            total += s == null ? 0 : s.points();
        }
        return total;
    }

    private static StringBuilder line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        return out.append('\n');
    }

    private static String points(double points) {
        return String.format(Locale.ROOT, "%.2f", points);
    }

    private static String percent(double fraction) {
        return String.valueOf(Math.round(fraction * 100));
    }

    /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would read as a formula. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
