package faultline.grader.cli;

import faultline.grader.course.Course;
import faultline.grader.course.CourseException;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that touches the data folder shares. */
public final class GraderOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (database, stored sources, artifacts). Default: $FAULTLINE_DATA or ./data")
    Path data;

    @Option(names = "--course", paramLabel = "FILE", description = "Course file (YAML). Default: the built-in course")
    Path course;

    public Course course() throws CourseException {
        return course == null ? CourseFile.defaultCourse() : CourseFile.read(course);
    }

    public Grader open(CliContext ctx) throws CourseException {
        return new Grader(new DataFolder(ctx.dataFolder(Optional.ofNullable(data))), course(), ctx.clock(),
                ctx.suites(), List.of());
    }
}
