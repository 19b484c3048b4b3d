package faultline.grader.cli;

import faultline.grader.course.Course;
import faultline.grader.course.CourseException;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that touches the data folder shares. */
public final class GraderOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (database, stored sources, artifacts). Default: $FAULTLINE_DATA or ./data")
    Path data;

    @Option(names = "--course", paramLabel = "FILE", description = "Course file (YAML). Default: the built-in course")
    Path course;

    @Option(names = "--db", paramLabel = "URL", description = "Database as a JDBC URL, e.g. "
            + "jdbc:postgresql://HOST/DB?user=U&password=P to share one PostgreSQL between graders on several hosts. "
            + "Default: $FAULTLINE_DB, else the SQLite file in the data folder")
    String db;

    /** The database URL given by --db or $FAULTLINE_DB; empty for the SQLite file in the data folder. */
    public Optional<String> databaseUrl(CliContext ctx) {
        return databaseUrl(ctx, db);
    }

    /** As {@link #databaseUrl(CliContext)}, for commands that declare their own --db option. */
    public static Optional<String> databaseUrl(CliContext ctx, String option) {
        return Optional.ofNullable(option).or(() -> Optional.ofNullable(ctx.env().get("FAULTLINE_DB")))
                .filter(url -> !url.isBlank());
    }

    public Course course() throws CourseException {
        return course == null ? CourseFile.defaultCourse() : CourseFile.read(course);
    }

    public Grader open(CliContext ctx) throws CourseException {
        return new Grader(new DataFolder(ctx.dataFolder(Optional.ofNullable(data))), course(), ctx.clock(),
                ctx.suites(), databaseUrl(ctx));
    }

    /** A grader that joins the shared database {@code --db} names as one of its workers ({@link Grader#joining}). */
    public Grader openAsWorker(CliContext ctx) throws CourseException {
        return Grader.joining(new DataFolder(ctx.dataFolder(Optional.ofNullable(data))), course(), ctx.clock(),
                ctx.suites(), databaseUrl(ctx).orElseThrow());
    }
}
