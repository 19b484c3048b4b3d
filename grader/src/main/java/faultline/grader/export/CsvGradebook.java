package faultline.grader.export;

import faultline.grader.store.LabRow;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.User;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One row per student, one column per lab (current score after late penalties), and a total. */
public final class CsvGradebook {

    private CsvGradebook() {
    }

    public static void write(PrintWriter out, List<User> students, List<LabRow> labs, List<ScoreRow> current) {
        Map<String, ScoreRow> byKey = current.stream().collect(Collectors.toMap(s -> s.userId() + "/" + s.lab(), s -> s));
        out.print("login,name,email");
        labs.forEach(l -> out.print("," + cell(l.name())));
        out.println(",total");
        for (User u : students) {
            out.print(cell(u.login()) + "," + cell(u.name()) + "," + cell(u.email()));
            double total = 0;
            for (LabRow l : labs) {
                ScoreRow s = byKey.get(u.id() + "/" + l.name());
                out.print(",");
                if (s != null) {
                    out.print(String.format(Locale.ROOT, "%.2f", s.points()));
                    total += s.points();
                }
            }
            out.println(String.format(Locale.ROOT, ",%.2f", total));
        }
        out.flush();
    }

    /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would read as a formula. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
