package faultline.grader.cli;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.store.Database;
import faultline.grader.store.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The two ends of bench/scaleout.sh, between which {@code faultline worker} processes grade:
 * <ul>
 *   <li>{@code enqueue sqlite|postgresql DATA N REPO}: a fresh database (PostgreSQL: on -Dfaultline.postgresUrl's
 *       server; SQLite: DATA/faultline.db) with N copies of lab 0's reference queued, each a little different;
 *       prints the database's JDBC URL.</li>
 *   <li>{@code measure URL}: jobs graded, the span from the first attempt's start to the last result, and jobs per
 *       second over that span (so the workers' JVM start is not counted).</li>
 *   <li>{@code drop URL}: drops a PostgreSQL database made by {@code enqueue}.</li>
 * </ul>
 */
public final class ScaleOutBench {

    private ScaleOutBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "enqueue" -> enqueue(StoreKind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)), Path.of(args[2]),
                    Integer.parseInt(args[3]), Path.of(args[4]));
            case "measure" -> measure(args[1]);
            case "drop" -> StoreKind.drop(args[1]);
            default -> throw new IllegalArgumentException("enqueue, measure or drop, not " + args[0]);
        }
    }

    private static void enqueue(StoreKind kind, Path data, int n, Path repo) throws Exception {
        String url = kind.freshUrl(data);
        Path reference = repo.resolve("reference-impl/src/main/java/faultline/labs/pingpong");
        try (Grader grader = new Grader(new DataFolder(data), CourseFile.defaultCourse(), Clock.systemUTC(),
                SuiteCatalog.of(Set.of("pingpong")), Optional.of(url))) {
            for (int i = 1; i <= n; i++) {
                String login = "student" + i;
                grader.users().ensureStudent(login, "bench");
                Path sources = data.resolve("handins").resolve(login);
                Path target = Files.createDirectories(sources.resolve("faultline/labs/pingpong"));
                try (Stream<Path> files = Files.list(reference)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
                Files.writeString(target.resolve("PingServer.java"), "\n// copy " + i + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                grader.intake().submit(login, "pingpong", sources, Intake.Rules.STAFF);
            }
        }
        System.out.println(url);
    }

    private static void measure(String url) {
        try (Database db = Database.open(url)) {
            List<String> row = db.read(h -> h.createQuery("SELECT COUNT(*) || ' ' || COALESCE(MAX(r.finished_at) - "
                    + "(SELECT MIN(started_at) FROM runs), 0) || ' ' || SUM(CASE WHEN r.verdict = 'COMPLETED' THEN 1 "
                    + "ELSE 0 END) FROM runs r WHERE r.is_final = TRUE").mapTo(String.class).list());
            String[] f = row.get(0).split(" ");
            int jobs = Integer.parseInt(f[0]);
            long span = Long.parseLong(f[1]);
            System.out.printf(java.util.Locale.ROOT, "%d %d %s %.2f%n", jobs, span, f[2],
                    span == 0 ? 0.0 : jobs * 1000.0 / span);
        }
    }
}
