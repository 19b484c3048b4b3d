package faultline.web.cli;

import faultline.grader.cli.CliContext;
import faultline.grader.cli.ExitCode;
import faultline.grader.course.Course;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.web.Dashboard;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve the dashboard and JSON API, grading submissions as they arrive.")
final class ServeCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder. Default: $FAULTLINE_DATA or ./data")
    Path data;

    @Option(names = "--course", paramLabel = "FILE", description = "Course file (YAML). Default: the built-in course")
    Path course;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--workers", defaultValue = "1", description = "Grading workers. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (when served behind HTTPS)")
    boolean secureCookies;

    ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** serve and demo run until stopped; main must not exit after picocli returns for them. */
    static boolean keepsRunning(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("serve") || a.equals("demo"))
                && Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    @Override
    public Integer call() throws Exception {
        Course c = course == null ? CourseFile.defaultCourse() : CourseFile.read(course);
        Grader grader = new Grader(new DataFolder(ctx.dataFolder(Optional.ofNullable(data))), c, ctx.clock(),
                ctx.suites(), Dashboard.MIGRATIONS);
        ctx.out().printf("Grading with %s.%n", ctx.sandboxes().describe());
        Server.run(ctx, grader, host, port, workers, secureCookies, () -> { });
        return ExitCode.OK.code();
    }
}
