package faultline.web.cli;

import faultline.grader.cli.CliContext;
import faultline.grader.cli.ExitCode;
import faultline.grader.cli.GraderOptions;
import faultline.grader.course.Course;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.ServerLock;
import faultline.web.Dashboard;
import faultline.web.Transport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and JSON API, grading submissions as they arrive.")
final class ServeCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder. Default: $FAULTLINE_DATA or ./data")
    Path data;

    @Option(names = "--course", paramLabel = "FILE", description = "Course file (YAML). Default: the built-in course")
    Path course;

    @Option(names = "--db", paramLabel = "URL", description = "Database as a JDBC URL (jdbc:postgresql://HOST/DB?"
            + "user=U&password=P for a PostgreSQL shared with `faultline worker` on other hosts). Default: $FAULTLINE_DB, "
            + "else the SQLite file in the data folder")
    String db;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--workers", defaultValue = "1", description = "Grading workers. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--secure-cookies", description = "Always mark cookies Secure. Without it they are Secure "
            + "when the request came over HTTPS (directly, or per X-Forwarded-Proto with --trust-proxy). Use it when "
            + "a proxy ends HTTPS and does not send X-Forwarded-Proto, so that browsers never send the session "
            + "cookie over plain HTTP.")
    boolean secureCookies;

    @Option(names = "--trust-proxy", description = "The dashboard is reached only through your reverse proxy: "
            + "believe its X-Forwarded-Proto (Secure cookies behind HTTPS) and the last address of X-Forwarded-For "
            + "(sign-in throttling per client). Do not use it when clients can reach the port directly: they could "
            + "claim any address.")
    boolean trustProxy;

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
        DataFolder folder = new DataFolder(ctx.dataFolder(Optional.ofNullable(data)));
        // Held until the process ends: a second server on this folder is refused with this one's pid.
        try (ServerLock lock = ServerLock.take(folder, ctx.clock())) {
            Grader grader = new Grader(folder, c, ctx.clock(), ctx.suites(), GraderOptions.databaseUrl(ctx, db));
            ctx.out().printf("Grading with %s.%n", ctx.sandboxes().describe());
            Server.run(ctx, grader, host, port, workers, new Transport(secureCookies, trustProxy), () -> { });
        }
        return ExitCode.OK.code();
    }
}
